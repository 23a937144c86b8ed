import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem';
import { fieldMessageIn } from '../api/problem-words';

export interface FormProblem {
  fields: Record<string, string>;
  message: string | undefined;
}

export const NO_PROBLEM: FormProblem = { fields: {}, message: undefined };

/** A failure as a form shows it: messages per field in the user's language, and the rest as one message. */
export function formProblemOf(t: TFunction, error: unknown): FormProblem {
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
    return { fields, message: Object.keys(fields).length ? undefined : error.message };
  }
  return { fields: {}, message: error instanceof Error ? error.message : String(error) };
}

/** Keeps the last failure of a form: messages per field in the user's language, and the rest as one message. */
export function useFormProblem(): [FormProblem, (error: unknown) => void, () => void] {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const report = (error: unknown) => setProblem(formProblemOf(t, error));
  return [problem, report, () => setProblem(NO_PROBLEM)];
}
