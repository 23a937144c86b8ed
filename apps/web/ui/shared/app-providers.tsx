import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ProblemError } from './api/problem';
import { SessionProvider } from './session/session';

/** A 4xx will not change by retrying; only network failures and 5xx are retried. */
function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ProblemError && error.status < 500) return false;
  return failures < 2;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queries] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={queries}>
      <SessionProvider>{children}</SessionProvider>
    </QueryClientProvider>
  );
}
