import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem';
import { fieldMessageIn } from '../api/problem-words';

export interface FormProblem {
  fields: Record<string, string>;
  message: string | undefined;
}

const NONE: FormProblem = { fields: {}, message: undefined };

/** Keeps the last failure of a form: messages per field in the user's language, and the rest as one message. */
export function useFormProblem(): [FormProblem, (error: unknown) => void, () => void] {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<FormProblem>(NONE);
  const report = (error: unknown) => {
    if (error instanceof ProblemError) {
      const fields = Object.fromEntries(
        Object.entries(error.fieldErrors).map(([field, message]) => [
          field,
          message
            .split('; ')
            .map((part) => fieldMessageIn(t, part))
            .join('; '),
        ]),
      );
      setProblem({ fields, message: Object.keys(fields).length ? undefined : error.message });
    } else {
      setProblem({ fields: {}, message: error instanceof Error ? error.message : String(error) });
    }
  };
  return [problem, report, () => setProblem(NONE)];
}
