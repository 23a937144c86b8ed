import { describe, expect, it } from 'vitest';
import { isStillRunning, ProblemError, wasCarriedOut } from '../ui/shared/api/problem';

describe('problem+json in forms', () => {
  it('names each message by the field it is about, joining two messages for one field', () => {
    const error = new ProblemError({
      type: 'https://fieldops.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 400,
      errors: [
        { field: '/body/email', message: 'must match format "email"' },
        { field: '/body/password', message: 'must NOT have fewer than 8 characters' },
        { field: '/body/password', message: 'is required' },
        { field: '/body/contacts/0/phone', message: 'is not a phone number' },
      ],
    });
    expect(error.fieldErrors).toEqual({
      email: 'must match format "email"',
      password: 'must NOT have fewer than 8 characters; is required',
      'contacts.0.phone': 'is not a phone number',
    });
  });

  it('a problem without fields has none, and its message is its detail', () => {
    const error = new ProblemError({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'This lead already exists.' });
    expect(error.fieldErrors).toEqual({});
    expect(error.message).toBe('This lead already exists.');
    expect(error.status).toBe(409);
  });
});

describe('a queued write sent again', () => {
  it('counts as done when the server had carried it out and lost only its answer, and as refused otherwise', () => {
    const problem = { type: 'https://fieldops.dev/problems/conflict', title: 'Conflict', status: 409 };
    expect(wasCarriedOut({ ...problem, code: 'answer-lost' })).toBe(true);
    expect(wasCarriedOut({ ...problem, detail: 'A request with this Idempotency-Key is still being processed.' })).toBe(false);
    expect(wasCarriedOut({ ...problem, code: 'taken' })).toBe(false);
    expect(wasCarriedOut({ ...problem, status: 422, code: 'answer-lost' })).toBe(false);
    expect(wasCarriedOut(undefined)).toBe(false);
  });

  it('waits for a later sync while the server still runs the first attempt', () => {
    const problem = { type: 'https://fieldops.dev/problems/conflict', title: 'Conflict', status: 409 };
    expect(isStillRunning({ ...problem, code: 'in-progress' })).toBe(true);
    expect(isStillRunning({ ...problem, code: 'answer-lost' })).toBe(false);
    expect(isStillRunning({ ...problem, code: 'taken' })).toBe(false);
  });
});
