import { Type } from 'typebox';
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_RADIUS_M } from '../app/search-input';

const list = (description: string) => Type.Optional(Type.String({ maxLength: 2000, description }));

export const SearchQuerystring = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text over names, addresses and contacts (any script)' })),
  type: list('Comma list of merchant, lead, place, visit, ticket (default: all the caller may read)'),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90, description: 'WGS-84' })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180, description: 'WGS-84' })),
  radius: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: MAX_RADIUS_M, description: 'Metres around lat/lng' })),
  bbox: list('minLng,minLat,maxLng,maxLat (WGS-84)'),
  areaId: Type.Optional(Type.String({ maxLength: 64, description: "Inside this area's polygon" })),
  status: list('Merchant status, place status, visit verification or ticket state (comma list)'),
  stage: list('Lead stage (comma list)'),
  category: list('Category or ticket type (comma list)'),
  owner: list('Owner user id (comma list)'),
  area: list('Filed under these areas or their descendants (comma list of area ids)'),
  country: list('ISO 3166 alpha-2 (comma list)'),
  pool: list('Lead pool: private, public'),
  priority: list('Ticket priority: low, normal, high, urgent (comma list)'),
  sla: list('Ticket SLA summary: breached, at-risk, on-track, paused, met, none (comma list)'),
  hasOpenTicket: Type.Optional(Type.Boolean({ description: 'Merchants with (true) or without (false) an open ticket' })),
  sort: Type.Optional(
    Type.Union([Type.Literal('relevance'), Type.Literal('distance'), Type.Literal('recency'), Type.Literal('breach')], {
      description:
        'relevance: the best text matches first, ranked among the newest 4,000 matches; breach (tickets only): the soonest SLA breach first',
    }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'The nextCursor of the previous page' })),
  facets: list('Comma list of type, status, stage, category, country, pool, ownerId, areaId, priority, slaStatus'),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SearchItem = Type.Object({
  type: Type.String(),
  id: Type.String(),
  title: Type.String(),
  score: Type.Optional(Type.Number()),
  distance: Type.Optional(Type.Number({ description: 'Metres from lat/lng' })),
  highlights: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Fields with matches in <em>' })),
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  country: Type.String(),
  category: Nullable(Type.String()),
  status: Nullable(Type.String()),
  stage: Nullable(Type.String()),
  pool: Nullable(Type.String()),
  areaId: Nullable(Type.String()),
  areaPath: Nullable(Type.String()),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  lastVerifiedVisitAt: Nullable(Type.String()),
  priority: Type.Optional(Nullable(Type.String({ description: 'Tickets' }))),
  slaStatus: Type.Optional(Nullable(Type.String({ description: 'Tickets: breached, at-risk, on-track, paused, met, none' }))),
  breachAt: Type.Optional(Nullable(Type.String({ description: 'Tickets: when the first open SLA clock breaches (or breached)' }))),
  hasOpenTicket: Type.Optional(Type.Boolean({ description: 'Merchants: a ticket about the merchant is open' })),
  updatedAt: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const SearchAnswer = Type.Object({
  items: Type.Array(SearchItem),
  facets: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
  exhaustive: Type.Optional(
    Type.Boolean({
      description:
        'With facets: whether they counted every match. false when a text matched more than 10,000 documents: they were counted over the newest 10,000, each count a lower bound',
    }),
  ),
  nextCursor: Nullable(Type.String()),
});

const Iso = Nullable(Type.String());
export const SearchStatus = Type.Object({
  driver: Type.String(),
  documents: Type.Integer(),
  rebuild: Nullable(Type.Object({ startedAt: Type.String(), done: Type.Integer(), total: Type.Integer(), label: Type.String() })),
  sources: Type.Array(
    Type.Object({
      source: Type.String(),
      lastEventAt: Iso,
      lastAppliedAt: Iso,
      lastLagMs: Nullable(Type.Integer()),
      sinceLastEventMs: Nullable(Type.Integer()),
      events: Type.Integer(),
      backlog: Type.Integer(),
      deadLetters: Type.Integer(),
    }),
  ),
});

export const RebuildStarted = Type.Object({ started: Type.Boolean() });
