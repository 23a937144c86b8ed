/**
 * The BFF's schema: one query per screen of the apps, so a screen needs one request. Resolved through the
 * services' RPC (batched per request) and, where a service offers only REST, through the gateway's own routes;
 * either way the services check the caller's scope. `apps/gateway/schema.graphql` is its committed snapshot.
 */
export const typeDefs = /* GraphQL */ `
  type Query {
    "Who I am, and how my country shows dates and money."
    viewer: Viewer!
    "A merchant with its owner, area, place, recent visits and change history."
    merchantDetail(id: ID!): MerchantDetail
    "A ticket with its merchant, timeline (newest first), comments and each SLA clock explained."
    ticketDetail(id: ID!): TicketDetail
    "A lead with its owner, area, pool state and possible duplicates."
    leadDetail(id: ID!): LeadDetail
    "My plan, targets and last visits for a day (YYYY-MM-DD, default today in my country)."
    myDay(date: String): MyDay!
    "Merchants, leads and places inside a bounding box; clustered on the server when dense. A country (ISO 3166-1 alpha-2) keeps only its merchants and leads; one outside my scope has none."
    map(bbox: BBoxInput!, zoom: Float!, layers: [MapLayer!], country: String): MapArea!
    "The reps I manage with their visits of a day and where they last checked in."
    team(date: String): [TeamMember!]!
  }

  input BBoxInput {
    west: Float!
    south: Float!
    east: Float!
    north: Float!
  }

  enum MapLayer {
    MERCHANTS
    LEADS
    PLACES
  }

  type Viewer {
    user: User!
    permissions: [String!]!
    country: Country!
  }

  type Country {
    code: String!
    name: String!
    currency: String!
    timeZone: String!
    locale: String!
    checkinRadiusMeters: Int!
    "flag or reject: what happens to a check-in farther than the radius"
    checkinOutOfRange: String!
    "where maps open for the country's users (WGS-84): its main city"
    mapCentreLat: Float!
    mapCentreLng: Float!
  }

  type User {
    id: ID!
    name: String!
    email: String!
    country: String!
    orgUnitId: String!
  }

  type Area {
    id: ID!
    name: String!
    kind: String!
    code: String!
  }

  type Place {
    id: ID!
    name: String!
    address: String!
    category: String!
    lat: Float!
    lng: Float!
  }

  type Contact {
    name: String!
    role: String!
    phone: String
  }

  type Merchant {
    id: ID!
    legalName: String!
    brandName: String!
    category: String!
    tier: String!
    status: String!
    address: String!
    businessId: String!
    country: String!
    lat: Float!
    lng: Float!
    contacts: [Contact!]!
    owner: User
    area: Area
    place: Place
    updatedAt: String!
  }

  type HistoryEntry {
    id: ID!
    type: String!
    time: String!
    actor: User
    "The event's data as JSON text."
    data: String!
  }

  type Visit {
    id: ID!
    targetType: String!
    targetId: ID!
    targetName: String!
    "open, verified, pending-review, approved or rejected"
    verification: String!
    riskScore: Float!
    distanceM: Float!
    outcome: String
    checkedInAt: String!
    checkedOutAt: String
    lat: Float!
    lng: Float!
    "File ids of the check-in and check-out photos (GET /api/v1/files/{id} gives a download URL)."
    photoIds: [ID!]!
    rep: User
  }

  type MerchantDetail {
    merchant: Merchant!
    recentVisits: [Visit!]!
    history: [HistoryEntry!]!
    "The merchant's open tickets I can see, newest first."
    openTickets: [Ticket!]!
    "The campaigns the merchant is in that I can see, newest first, with its answer."
    campaigns: [MerchantCampaign!]!
  }

  type MerchantCampaign {
    campaignId: ID!
    "The campaign's name when I may read the campaign itself; null otherwise."
    name: String
    "invited, accepted, declined or expired"
    state: String!
    "link, on-site, staff or expiry"
    channel: String
    invitedAt: String!
    decidedAt: String
  }

  type Ticket {
    id: ID!
    type: String!
    title: String!
    "new, assigned, in_progress, pending, review, resolved, closed or canceled"
    state: String!
    priority: String!
    "breached, at-risk, on-track, paused, met or none"
    slaStatus: String!
    "When the first open SLA clock breaches (or breached)."
    slaBreachAt: String
    createdAt: String!
    assignee: User
    merchant: Merchant
    "The ticket type's fields as JSON text."
    fields: String!
  }

  type TicketEvent {
    "opened, transitioned, reopened, assigned, commented, updated, priority-changed"
    kind: String!
    from: String
    to: String
    actor: User
    reason: String
    "What else changed, as JSON text."
    detail: String!
    at: String!
  }

  type TicketComment {
    id: ID!
    author: User
    body: String!
    "internal or public"
    visibility: String!
    at: String!
  }

  type SlaInterval {
    from: String!
    to: String!
    "counted, paused or non-working"
    kind: String!
  }

  type SlaClock {
    "firstResponse, nextResponse or resolution"
    clock: String!
    "idle, running, paused, met, breached or canceled"
    status: String!
    targetMinutes: Float!
    elapsedMinutes: Float!
    remainingMinutes: Float!
    dueAt: String
    warnAt: String
    breachedAt: String
    intervals: [SlaInterval!]!
  }

  type TicketSla {
    "The zone of the working calendar the clocks run on."
    timezone: String!
    computedAt: String!
    clocks: [SlaClock!]!
  }

  type TicketDetail {
    ticket: Ticket!
    "The states the ticket may move to now."
    moves: [String!]!
    timeline: [TicketEvent!]!
    comments: [TicketComment!]!
    sla: TicketSla!
  }

  type Lead {
    id: ID!
    name: String!
    phone: String
    address: String!
    category: String!
    stage: String!
    pool: String!
    lat: Float!
    lng: Float!
    protectedUntil: String
    createdAt: String!
    owner: User
    area: Area
  }

  type PoolState {
    pool: String!
    owner: User
    protectedUntil: String
    "True when the lead is in the public pool and I may claim leads."
    claimable: Boolean!
  }

  type LeadDetail {
    lead: Lead!
    pool: PoolState!
    duplicateCandidates: [Lead!]!
  }

  type PlanStop {
    "1 for the first stop of the route."
    sequence: Int!
    targetType: String!
    targetId: ID!
    targetName: String!
    lat: Float!
    lng: Float!
    appointmentAt: String
    "When the optimised route reaches the stop."
    arriveAt: String!
    "True when the route cannot reach the stop by its appointment."
    late: Boolean!
    merchant: Merchant
    lead: Lead
    "True when I checked in at the stop on that day."
    visited: Boolean!
  }

  type MyDay {
    date: String!
    plan: [PlanStop!]!
    merchants: [Merchant!]!
    leads: [Lead!]!
    lastVisits: [Visit!]!
    "My open tickets, soonest SLA breach first; a ticket on a merchant due that day or overdue is one of the day's stops."
    tickets: [DayTicket!]!
  }

  type DayTicket {
    ticket: Ticket!
    "overdue, today (its SLA breaches that day in my country), later, or none (no SLA clock running)"
    due: String!
  }

  type MapRecord {
    kind: String!
    id: ID!
    title: String!
    lat: Float!
    lng: Float!
    status: String
  }

  type MapCluster {
    kind: String!
    lat: Float!
    lng: Float!
    count: Int!
  }

  type MapArea {
    records: [MapRecord!]!
    clusters: [MapCluster!]!
    "True when a layer's records were too many to list one by one: that layer comes as clusters, the others as records."
    clustered: Boolean!
  }

  type TeamMember {
    user: User!
    visits: [Visit!]!
    lastCheckIn: Visit
  }
`;
