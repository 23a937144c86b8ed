import { expect } from 'vitest';
import type { E2e } from './e2e-host';

/**
 * Gives every open ticket of `rep` to `to` (as `manager`): a ticket due today is a stop of the rep's day, and the
 * demo's follow-ups of suspended merchants fall due on working days, so a test that counts the day's stops starts
 * from a rep with none.
 */
export async function handOverOpenTickets(e2e: E2e, rep: string, manager: string, to = manager): Promise<void> {
  const [repToken, managerToken, toToken] = await Promise.all([rep, manager, to].map((email) => e2e.host.login(email)));
  const [repUser, toUser] = await Promise.all(
    [repToken, toToken].map(async (token) => (await e2e.host.api('GET', '/api/v1/me', { token })).body.user.id as string),
  );
  const open = await e2e.host.api('GET', `/api/v1/tickets?state=open&assigneeId=${repUser}&limit=200`, { token: managerToken });
  expect(open.status, JSON.stringify(open.body)).toBe(200);
  const ticketIds = (open.body.items as { id: string }[]).map((ticket) => ticket.id);
  if (ticketIds.length === 0) return;
  const moved = await e2e.host.api('POST', '/api/v1/tickets/bulk-assign', { token: managerToken, body: { ticketIds, assigneeId: toUser } });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
}
