import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser's reasons (GeolocationPositionError codes), said in the rep's language rather than the browser's. */
const FAILURES: Record<number, string> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

export interface Position {
  lat: number;
  lng: number;
  accuracyM: number;
}

/** The device's position, kept current while the screen is open; `error` says why there is none. */
export function usePosition(): { position: Position | undefined; error: string | undefined } {
  const { t } = useTranslation();
  const [position, setPosition] = useState<Position | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!('geolocation' in navigator)) {
      setError(t('fieldSync.position.unsupported'));
      return;
    }
    const watch = navigator.geolocation.watchPosition(
      (at) => {
        setPosition({ lat: at.coords.latitude, lng: at.coords.longitude, accuracyM: at.coords.accuracy });
        setError(undefined);
      },
      (failure) => setError(t(`fieldSync.position.${FAILURES[failure.code] ?? 'unavailable'}`)),
      { enableHighAccuracy: true, maximumAge: 30_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, [t]);
  return { position, error };
}

/** Metres between two points (haversine). */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
