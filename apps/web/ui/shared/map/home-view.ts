import type { LngLat } from './map-view';

/** Where a map opens for a user of each country: its main city (the device's position wins in the field app). */
const HOME: Record<string, LngLat> = {
  SG: [103.8519, 1.2903],
  CN: [121.4737, 31.2304],
  ID: [106.8456, -6.2],
  BR: [-46.6333, -23.5505],
};

export function homeView(country: string | undefined): LngLat {
  return HOME[country ?? ''] ?? [0, 20];
}
