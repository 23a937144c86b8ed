import type { VisitQuestion } from '@fieldops/countries';

export type Answer = boolean | number | string;

export interface AnswerProblem {
  field: string;
  message: string;
}

function problemOf(question: VisitQuestion, answer: Answer): string | null {
  switch (question.type) {
    case 'yes-no':
      return typeof answer === 'boolean' ? null : 'must be true or false';
    case 'number':
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return 'must be a number';
      if (question.min !== undefined && answer < question.min) return `must be at least ${question.min}`;
      if (question.max !== undefined && answer > question.max) return `must be at most ${question.max}`;
      return null;
    case 'choice':
      return typeof answer === 'string' && question.options.includes(answer) ? null : `must be one of ${question.options.join(', ')}`;
    case 'text':
      if (typeof answer !== 'string') return 'must be text';
      return question.maxLength !== undefined && answer.length > question.maxLength
        ? `must be at most ${question.maxLength} characters`
        : null;
  }
}

/**
 * Checks check-out answers against the visit template: every required question answered, every answer of its
 * question's type, and no answer to a question the template does not ask. Problems name `/body/answers/<id>`.
 */
export function answerProblems(template: readonly VisitQuestion[], answers: Readonly<Record<string, Answer>>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const asked = new Set(template.map((q) => q.id));
  for (const question of template) {
    const answer = answers[question.id];
    const field = `/body/answers/${question.id}`;
    if (answer === undefined) {
      if (question.required) problems.push({ field, message: `is required: ${question.label}` });
      continue;
    }
    const problem = problemOf(question, answer);
    if (problem) problems.push({ field, message: problem });
  }
  for (const id of Object.keys(answers)) {
    if (!asked.has(id)) problems.push({ field: `/body/answers/${id}`, message: 'is not a question of this visit type' });
  }
  return problems;
}
