/** How long-running work (a seed, an import, a rebuild) reports how far it got; the CLI draws it as a bar. */
export interface ProgressReporter {
  start(total: number, label: string): void;
  tick(count?: number): void;
  stop(): void;
}
