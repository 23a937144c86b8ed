/** What every screen reads of a ticket (the GraphQL `Ticket` fields they all ask for); each adds its own. */
export interface TicketFacts {
  id: string;
  type: string;
  title: string;
  state: string;
  priority: string;
  slaStatus: string;
  slaBreachAt: string | null;
}
