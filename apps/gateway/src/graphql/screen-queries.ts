/**
 * The queries the web apps send, persisted: an app sends `{ persisted: true, query: "<name>" }` and the gateway
 * runs the document kept here. Plain module of strings, so the web build can import it too.
 */
export const SCREEN_QUERIES = {
  Viewer: /* GraphQL */ `
    query Viewer {
      viewer {
        user { id name email country }
        permissions
        country { code name currency timeZone locale checkinRadiusMeters checkinOutOfRange mapCentreLat mapCentreLng }
      }
    }
  `,
  MerchantDetail: /* GraphQL */ `
    query MerchantDetail($id: ID!) {
      merchantDetail(id: $id) {
        merchant {
          id legalName brandName category tier status address businessId country lat lng updatedAt
          contacts { name role phone }
          owner { id name email }
          area { id name kind }
          place { id name address }
        }
        recentVisits { id verification checkedInAt checkedOutAt outcome distanceM rep { id name } }
        history { id type time data actor { id name } }
        openTickets { id type title state priority slaStatus slaBreachAt assignee { id name } }
        campaigns { campaignId name state channel invitedAt decidedAt }
      }
    }
  `,
  TicketDetail: /* GraphQL */ `
    query TicketDetail($id: ID!) {
      ticketDetail(id: $id) {
        ticket {
          id type title state priority slaStatus slaBreachAt createdAt fields
          assignee { id name }
          merchant { id brandName legalName address lat lng }
        }
        moves
        timeline { kind from to reason detail at actor { id name } }
        comments { id body visibility at author { id name } }
        sla {
          timezone computedAt
          clocks { clock status targetMinutes elapsedMinutes remainingMinutes dueAt warnAt breachedAt intervals { from to kind } }
        }
      }
    }
  `,
  FieldTicket: /* GraphQL */ `
    query FieldTicket($id: ID!) {
      ticketDetail(id: $id) {
        ticket {
          id type title state priority slaStatus slaBreachAt fields
          merchant { id brandName legalName address lat lng contacts { name role } }
        }
        moves
      }
    }
  `,
  LeadDetail: /* GraphQL */ `
    query LeadDetail($id: ID!) {
      leadDetail(id: $id) {
        lead { id name phone address category stage pool lat lng protectedUntil createdAt owner { id name } area { id name } }
        pool { pool protectedUntil claimable owner { id name } }
        duplicateCandidates { id name address stage pool owner { id name } }
      }
    }
  `,
  MyDay: /* GraphQL */ `
    query MyDay($date: String) {
      myDay(date: $date) {
        date
        plan { sequence targetType targetId targetName lat lng visited merchant { id brandName legalName lat lng address } lead { id name lat lng address } }
        merchants { id brandName legalName status lat lng address }
        leads { id name stage lat lng address protectedUntil }
        lastVisits { id targetType targetId targetName verification checkedInAt checkedOutAt }
        tickets {
          due
          ticket { id type title state priority slaStatus slaBreachAt merchant { id brandName legalName lat lng address } }
        }
      }
    }
  `,
  Map: /* GraphQL */ `
    query Map($bbox: BBoxInput!, $zoom: Float!, $layers: [MapLayer!], $country: String) {
      map(bbox: $bbox, zoom: $zoom, layers: $layers, country: $country) {
        clustered
        records { kind id title lat lng status }
        clusters { kind lat lng count }
      }
    }
  `,
  Team: /* GraphQL */ `
    query Team($date: String) {
      team(date: $date) {
        user { id name email }
        visits { id targetName verification checkedInAt }
        lastCheckIn { id lat lng checkedInAt targetName }
      }
    }
  `,
} as const;

export type ScreenQueryName = keyof typeof SCREEN_QUERIES;
