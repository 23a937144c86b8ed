import { useTranslation } from 'react-i18next';
import { Field, SelectField } from '../../shared/forms/field';
import { optionLabel, questionLabel } from '../../shared/visits/answer-labels';
import type { Answer, VisitQuestion } from './visit-template';

interface Props {
  questions: VisitQuestion[];
  answers: Record<string, Answer>;
  onChange(answers: Record<string, Answer>): void;
  /** Problem messages by field name, e.g. `answers.terminalWorking`. */
  errors: Record<string, string>;
}

/** The country's check-out questions, one input per question type; an emptied input removes its answer. */
export function VisitQuestions({ questions, answers, onChange, errors }: Props) {
  const { t } = useTranslation();
  const set = (id: string, value: Answer | undefined) => {
    const { [id]: _removed, ...rest } = answers;
    onChange(value === undefined ? rest : { ...rest, [id]: value });
  };
  const label = (q: VisitQuestion) => {
    const text = questionLabel(t, q.id, q.label);
    return q.required ? `${text} *` : text;
  };
  return (
    <fieldset className="questions">
      <legend>{t('field.visit.questions')}</legend>
      {questions.map((q) => {
        const error = errors[`answers.${q.id}`];
        switch (q.type) {
          case 'yes-no':
            return (
              <div className="field" key={q.id}>
                <label>
                  <input type="checkbox" checked={answers[q.id] === true} onChange={(e) => set(q.id, e.target.checked)} /> {label(q)}
                </label>
                {error && (
                  <p className="field-error" role="alert">
                    {error}
                  </p>
                )}
              </div>
            );
          case 'choice':
            return (
              <SelectField
                key={q.id}
                label={label(q)}
                value={typeof answers[q.id] === 'string' ? String(answers[q.id]) : ''}
                onChange={(e) => set(q.id, e.target.value || undefined)}
                error={error}
              >
                <option value="">—</option>
                {(q.options ?? []).map((option) => (
                  <option key={option} value={option}>
                    {optionLabel(t, option)}
                  </option>
                ))}
              </SelectField>
            );
          case 'number':
            return (
              <Field
                key={q.id}
                label={label(q)}
                type="number"
                inputMode="numeric"
                min={q.min}
                max={q.max}
                value={typeof answers[q.id] === 'number' ? String(answers[q.id]) : ''}
                onChange={(e) => set(q.id, e.target.value === '' ? undefined : Number(e.target.value))}
                error={error}
              />
            );
          default: // text
            return (
              <Field
                key={q.id}
                label={label(q)}
                maxLength={q.maxLength}
                value={typeof answers[q.id] === 'string' ? String(answers[q.id]) : ''}
                onChange={(e) => set(q.id, e.target.value || undefined)}
                error={error}
              />
            );
        }
      })}
    </fieldset>
  );
}
