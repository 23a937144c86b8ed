import { TicketsService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import type { ResolverContext } from './bff-context';
import { merchantFromRpc, userView } from './views';

type Ctx = ResolverContext;
const OPEN_TICKETS = 20;

/** A ticket as GET /api/v1/tickets/{id} answers it (the BFF passes it on as is). */
interface TicketView {
  id: string;
  state: string;
  allowedMoves: string[];
  assigneeId: string | null;
  areaId: string | null;
  merchantId: string | null;
  slaBreachAt: string | null;
  fields: Record<string, unknown>;
}

interface TimelineView {
  history: { kind: string; from: string | null; to: string | null; actor: string; reason: string | null; detail: unknown; at: string }[];
  comments: { id: string; authorId: string; body: string; visibility: string; at: string }[];
}

const path = (id: string, tail = '') => `/api/v1/tickets/${encodeURIComponent(id)}${tail}`;
/** Service actors (`service:tickets`) are no user. */
const human = (id: string) => (id.startsWith('service:') ? null : id);

async function userOf(id: string | null, { loaders }: Ctx) {
  if (!id) return null;
  const user = await loaders.users.load(id);
  return user ? userView(user) : null;
}

/** A ticket (the tickets service checks the caller's scope: outside it, null), its timeline, its SLA explained. */
export const ticketResolvers = {
  ticketDetail: async (_root: unknown, { id }: { id: string }, ctx: Ctx) => {
    const ticket = await ctx.rest.find<TicketView>(path(id));
    if (!ticket) return null;
    const [timeline, sla] = await Promise.all([ctx.rest.get<TimelineView>(path(id, '/history')), ctx.rest.get<unknown>(path(id, '/sla'))]);
    return {
      ticket,
      moves: ticket.allowedMoves,
      sla,
      timeline: [...timeline.history].reverse(),
      comments: timeline.comments,
    };
  },
};

/** A merchant's open tickets, newest first, as far as the caller's scope reaches (the tickets service decides). */
export async function openTicketsOf(merchantId: string, ctx: Ctx) {
  const { tickets } = await ctx.rpc
    .client(TicketsService)
    .listTicketsForMerchant({ merchantId, openOnly: true, limit: OPEN_TICKETS }, { ...asCaller(ctx.token), timeoutMs: 5000 });
  return tickets.map((t) => ({
    id: t.id,
    type: t.type,
    title: t.title,
    state: t.state,
    priority: t.priority,
    slaStatus: t.slaStatus,
    slaBreachAt: t.slaBreachAt === undefined ? null : new Date(Number(t.slaBreachAt)).toISOString(),
    assigneeId: t.assigneeId ?? null,
    areaId: t.areaId ?? null,
    merchantId: t.merchantId ?? null,
    createdAt: new Date(Number(t.createdAt)).toISOString(),
    fields: {},
  }));
}

export const ticketEntityResolvers = {
  Ticket: {
    assignee: (ticket: TicketView, _args: unknown, ctx: Ctx) => userOf(ticket.assigneeId, ctx),
    merchant: async (ticket: TicketView, _args: unknown, { loaders }: Ctx) => {
      if (!ticket.merchantId) return null;
      const merchant = await loaders.merchants.load(ticket.merchantId);
      return merchant ? merchantFromRpc(merchant) : null;
    },
    fields: (ticket: TicketView) => JSON.stringify(ticket.fields ?? {}),
  },
  TicketEvent: {
    actor: (entry: { actor: string }, _args: unknown, ctx: Ctx) => userOf(human(entry.actor), ctx),
    detail: (entry: { detail: unknown }) => JSON.stringify(entry.detail ?? {}),
  },
  TicketComment: {
    author: (comment: { authorId: string }, _args: unknown, ctx: Ctx) => userOf(human(comment.authorId), ctx),
  },
};
