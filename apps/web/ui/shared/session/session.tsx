import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { type Answer, answerOf, onSignedOut, rest, signIn, signOut } from '../api/client';
import { screenQuery } from '../api/graphql';
import { tokenStore } from '../api/token-store';
import type { CountryFormat } from '../i18n/country-format';
import { followUserLocale } from '../i18n/i18n';
import { lastSession } from './last-session';

export type Me = Answer<'getMe'>;

/** The user's country policy, as far as the apps need it. */
export interface CountryPolicy extends CountryFormat {
  code: string;
  locale: string;
  checkinRadiusMeters: number;
  checkinOutOfRange: 'flag' | 'reject';
  /** Where maps open (WGS-84); older remembered sessions may lack it. */
  mapCentreLat?: number;
  mapCentreLng?: number;
}

interface Session {
  me: Me | undefined;
  country: CountryPolicy | undefined;
  loading: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  can(permission: string): boolean;
}

function remember<T>(part: 'me' | 'viewer', value: T): T {
  lastSession.write(part, value);
  return value;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** Who is signed in, loaded from `/api/v1/me`; signing in or out resets every cached query. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [hasTokens, setHasTokens] = useState(() => tokenStore.read() !== undefined);
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => remember('me', await answerOf(rest.GET('/api/v1/me'))),
    enabled: hasTokens,
    staleTime: 5 * 60_000,
    // Offline, the field app keeps its last known user instead of signing out.
    networkMode: 'offlineFirst',
    initialData: () => lastSession.read<Me>('me'),
    initialDataUpdatedAt: 0,
  });
  const viewer = useQuery({
    queryKey: ['viewer'],
    queryFn: async () => remember('viewer', await screenQuery<{ viewer: { country: CountryPolicy } }>('Viewer')),
    initialData: () => lastSession.read<{ viewer: { country: CountryPolicy } }>('viewer'),
    initialDataUpdatedAt: 0,
    enabled: hasTokens,
    staleTime: 60 * 60_000,
    networkMode: 'offlineFirst',
  });
  useEffect(
    () =>
      onSignedOut(() => {
        lastSession.clear();
        setHasTokens(false);
      }),
    [],
  );
  useEffect(() => {
    if (me.data) followUserLocale(me.data.user.locale);
  }, [me.data]);

  const session: Session = {
    me: hasTokens ? me.data : undefined,
    country: hasTokens ? viewer.data?.viewer.country : undefined,
    loading: hasTokens && me.isPending,
    async signIn(email, password) {
      await signIn(email, password);
      lastSession.clear();
      queries.clear();
      setHasTokens(true);
    },
    async signOut() {
      lastSession.clear();
      await signOut();
      queries.clear();
      setHasTokens(false);
    },
    // `*` (the admin's) grants every permission.
    can: (permission) => (me.data?.permissions ?? []).some((held) => held === permission || held === '*'),
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
