/** Reports what a suite is doing now (which setup, which phase). */
export type Progress = (message: string) => void;

/** A suite's figures (for `bench/results/latest.json`) and the table that shows them. */
export interface SuiteOutcome<T> {
  results: T[];
  table: string;
}
