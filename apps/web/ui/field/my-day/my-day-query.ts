import { useQuery } from '@tanstack/react-query';
import { screenQuery } from '../../shared/api/graphql';
import type { DayTicket, PlannedMerchant } from './my-day-types';

export type { DayTicket, PlannedMerchant };

export interface MyDay {
  myDay: {
    date: string;
    plan: {
      sequence: number;
      targetType: 'merchant' | 'lead' | 'place';
      targetId: string;
      targetName: string;
      lat: number;
      lng: number;
      visited: boolean;
      merchant: PlannedMerchant | null;
      lead: { id: string; name: string; lat: number; lng: number; address: string } | null;
    }[];
    merchants: PlannedMerchant[];
    leads: { id: string; name: string; lat: number; lng: number; address: string }[];
    lastVisits: { id: string; targetName: string; verification: string; checkedInAt: string }[];
    tickets: DayTicket[];
  };
}

export const MY_DAY_KEY = ['my-day'] as const;

/** The day's screen query: the plan, my targets, my last visits and my open tickets; the last answer serves offline. */
export function useMyDay() {
  return useQuery({ queryKey: MY_DAY_KEY, queryFn: () => screenQuery<MyDay>('MyDay'), networkMode: 'offlineFirst' });
}
