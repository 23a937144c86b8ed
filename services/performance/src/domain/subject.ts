/** Whose figure: one rep, or a team (org unit) as the sum of the facts credited while its reps were in it. */
export type Subject = { type: 'user'; id: string } | { type: 'org-unit'; id: string };

const SUBJECT = /^(user|org-unit):(.+)$/;

/** `user:{id}` or `org-unit:{id}`, or undefined. */
export function parseSubject(value: string): Subject | undefined {
  const match = SUBJECT.exec(value);
  if (!match?.[2]) return undefined;
  return match[1] === 'user' ? { type: 'user', id: match[2] } : { type: 'org-unit', id: match[2] };
}

export function formatSubject(subject: Subject): string {
  return `${subject.type}:${subject.id}`;
}
