/** The session's tokens, kept in localStorage so a reload (or the field app offline) stays signed in. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const KEY = 'fieldops.tokens';

export const tokenStore = {
  read(): Tokens | undefined {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as Tokens;
    } catch {
      return undefined;
    }
  },
  write(tokens: Tokens): void {
    localStorage.setItem(KEY, JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
