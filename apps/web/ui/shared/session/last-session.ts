/**
 * The last answers about who is signed in, kept on the device: the field app opened offline still knows its
 * user and country, and shows the queue instead of a login it cannot complete.
 */
const KEY = 'fieldops.lastSession';

export const lastSession = {
  read<T>(part: 'me' | 'viewer'): T | undefined {
    try {
      return (JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, T>)[part];
    } catch {
      return undefined;
    }
  },
  write(part: 'me' | 'viewer', value: unknown): void {
    const all = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, unknown>;
    localStorage.setItem(KEY, JSON.stringify({ ...all, [part]: value }));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
