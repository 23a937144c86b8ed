import { useEffect, useState } from 'react';

export interface Position {
  lat: number;
  lng: number;
  accuracyM: number;
}

/** The device's position, kept current while the screen is open; `error` says why there is none. */
export function usePosition(): { position: Position | undefined; error: string | undefined } {
  const [position, setPosition] = useState<Position | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!('geolocation' in navigator)) {
      setError('This device cannot tell its position.');
      return;
    }
    const watch = navigator.geolocation.watchPosition(
      (at) => {
        setPosition({ lat: at.coords.latitude, lng: at.coords.longitude, accuracyM: at.coords.accuracy });
        setError(undefined);
      },
      (failure) => setError(failure.message),
      { enableHighAccuracy: true, maximumAge: 30_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, []);
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
