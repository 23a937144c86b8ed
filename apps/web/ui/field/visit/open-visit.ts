/** The visit checked in and not yet out, kept on the device so check-out works after a reload or offline. */
export interface OpenVisit {
  id: string;
  targetType: string;
  targetId: string;
  targetName: string;
  checkedInAt: string;
}

const KEY = 'fieldops.openVisit';

export const openVisitStore = {
  read(): OpenVisit | undefined {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as OpenVisit) : undefined;
  },
  write(visit: OpenVisit): void {
    localStorage.setItem(KEY, JSON.stringify(visit));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
