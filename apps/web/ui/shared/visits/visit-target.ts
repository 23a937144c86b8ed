import { useQuery } from '@tanstack/react-query';
import { answerOf, rest } from '../api/client';

export interface VisitTarget {
  name: string;
  lat: number;
  lng: number;
  address: string;
}

async function readTarget(targetType: 'merchant' | 'lead' | 'place', id: string): Promise<VisitTarget> {
  const path = { params: { path: { id } } };
  if (targetType === 'merchant') {
    const m = await answerOf(rest.GET('/api/v1/merchants/{id}', path));
    return { name: m.brandName || m.legalName, lat: m.lat, lng: m.lng, address: m.address };
  }
  if (targetType === 'lead') {
    const l = await answerOf(rest.GET('/api/v1/leads/{id}', path));
    return { name: l.name, lat: l.lat, lng: l.lng, address: l.address };
  }
  const p = await answerOf(rest.GET('/api/v1/places/{id}', path));
  return { name: p.name, lat: p.lat, lng: p.lng, address: p.address ?? '' };
}

/** Where the visited shop is (merchant, lead or place), in the caller's coordinate system like the visit itself. */
export function useVisitTarget(targetType: 'merchant' | 'lead' | 'place', id: string) {
  return useQuery({ queryKey: ['visit-target', targetType, id], queryFn: () => readTarget(targetType, id), retry: false });
}
