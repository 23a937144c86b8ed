import { ProblemError, problemOf } from './problem';
import { type Tokens, tokenStore } from './token-store';

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

let refreshing: Promise<Tokens | undefined> | undefined;
const signedOutListeners = new Set<() => void>();

/** Called when the refresh token is refused too: the app shows the login page. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** One refresh at a time: parallel 401s wait for the same new tokens instead of spending the refresh token twice. */
function refreshTokens(): Promise<Tokens | undefined> {
  refreshing ??= (async () => {
    const refreshToken = tokenStore.read()?.refreshToken;
    if (!refreshToken) return undefined;
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (!response.ok) return undefined;
    const tokens = (await response.json()) as Tokens;
    tokenStore.write(tokens);
    return tokens;
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

function send(method: string, path: string, options: RequestOptions, token: string | undefined): Promise<Response> {
  const isForm = options.body instanceof FormData;
  return fetch(path, {
    method,
    signal: options.signal,
    headers: {
      accept: 'application/json, application/problem+json',
      ...(options.body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
  });
}

/**
 * Calls the API as JSON with the session's token. An expired token is refreshed once and the call repeated;
 * any other failure throws a ProblemError carrying the problem+json answer.
 */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options, tokenStore.read()?.accessToken);
  if (response.status === 401 && tokenStore.read()) {
    const tokens = await refreshTokens();
    if (!tokens) {
      tokenStore.clear();
      for (const listener of signedOutListeners) listener();
    } else {
      response = await send(method, path, options, tokens.accessToken);
    }
  }
  if (!response.ok) throw new ProblemError(await problemOf(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function signIn(email: string, password: string): Promise<void> {
  const tokens = await api<Tokens>('POST', '/api/v1/auth/login', { body: { email, password } });
  tokenStore.write(tokens);
}

export async function signOut(): Promise<void> {
  const refreshToken = tokenStore.read()?.refreshToken;
  tokenStore.clear();
  if (refreshToken) await api('POST', '/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
}
