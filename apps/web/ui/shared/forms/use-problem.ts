import { useState } from 'react';
import { ProblemError } from '../api/problem';

export interface FormProblem {
  fields: Record<string, string>;
  message: string | undefined;
}

const NONE: FormProblem = { fields: {}, message: undefined };

/** Keeps the last failure of a form: messages per field, and the rest as one message. */
export function useFormProblem(): [FormProblem, (error: unknown) => void, () => void] {
  const [problem, setProblem] = useState<FormProblem>(NONE);
  const report = (error: unknown) => {
    if (error instanceof ProblemError) {
      const fields = error.fieldErrors;
      setProblem({ fields, message: Object.keys(fields).length ? undefined : error.message });
    } else {
      setProblem({ fields: {}, message: error instanceof Error ? error.message : String(error) });
    }
  };
  return [problem, report, () => setProblem(NONE)];
}
