import { describe, expect, it } from 'vitest';
import { ProblemError } from '../ui/shared/api/problem';

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
