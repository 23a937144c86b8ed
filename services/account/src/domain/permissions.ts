import type { DataScope } from '@fieldops/platform';

/**
 * Every permission the system knows, by resource. Roles are sets of these plus a data scope. Services check
 * them with `can(principal, 'lead:claim')`; `*` (the admin's) grants all.
 */
export const PERMISSIONS = [
  'user:read',
  'user:write',
  'org:read',
  'org:write',
  'role:read',
  'role:write',
  'agency:read',
  'agency:write',
  'area:read',
  'area:write',
  'place:read',
  'place:write',
  'merchant:read',
  'merchant:write',
  'merchant:transfer',
  'lead:read',
  'lead:write',
  'lead:claim',
  'lead:assign',
  'visit:read',
  'visit:write',
  'visit:review',
  'ticket:read',
  'ticket:write',
  'ticket:assign',
  'ticket:review',
  'ticket:sla',
  'campaign:read',
  'campaign:write',
  'campaign:enroll',
  'file:read',
  'file:write',
  'search:read',
  'performance:read',
  'notification:deliveries',
  'performance:target',
  'performance:ingest',
  'performance:incentives',
  // Switching a route off the legacy system and reading the diff report (the gateway checks it).
  'migration:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The permissions this service checks itself. */
export const AccountPermission = {
  userRead: 'user:read',
  userWrite: 'user:write',
  orgRead: 'org:read',
  orgWrite: 'org:write',
  roleRead: 'role:read',
  roleWrite: 'role:write',
  agencyRead: 'agency:read',
  agencyWrite: 'agency:write',
} as const satisfies Record<string, Permission>;

export const ALL_PERMISSIONS = '*';

export function isKnownPermission(value: string): boolean {
  return value === ALL_PERMISSIONS || (PERMISSIONS as readonly string[]).includes(value);
}

const FIELD_WORK: Permission[] = [
  'org:read',
  'area:read',
  'place:read',
  'place:write',
  'merchant:read',
  'merchant:write',
  'lead:read',
  'lead:write',
  'lead:claim',
  'visit:read',
  'visit:write',
  'ticket:read',
  'ticket:write',
  'campaign:read',
  'campaign:enroll',
  'file:read',
  'file:write',
  'search:read',
  'performance:read',
];

const MANAGEMENT: Permission[] = [
  ...FIELD_WORK,
  'user:read',
  'user:write',
  'role:read',
  'agency:read',
  'lead:assign',
  'ticket:assign',
  'ticket:review',
  'campaign:write',
  'merchant:transfer',
  'visit:review',
  'performance:target',
];

export interface BuiltInRole {
  name: string;
  description: string;
  permissions: string[];
  scope: DataScope;
}

/** The roles every installation starts with; more can be made through the API. */
export const BUILT_IN_ROLES: BuiltInRole[] = [
  { name: 'admin', description: 'Runs the whole system', permissions: [ALL_PERMISSIONS], scope: 'all' },
  {
    name: 'country_manager',
    description: 'Manages one country',
    permissions: [
      ...MANAGEMENT,
      'org:write',
      'agency:write',
      'area:write',
      'notification:deliveries',
      'performance:incentives',
      'ticket:sla',
    ],
    scope: 'country',
  },
  {
    name: 'city_manager',
    description: 'Manages the teams of one city',
    permissions: [...MANAGEMENT, 'org:write', 'area:write'],
    scope: 'team',
  },
  { name: 'team_lead', description: 'Leads a team of field reps', permissions: MANAGEMENT, scope: 'team' },
  { name: 'rep', description: 'Field sales rep: finds, visits and signs merchants', permissions: FIELD_WORK, scope: 'self' },
  {
    name: 'agency_manager',
    description: "Manages an external service provider's staff; sees only the agency's records",
    permissions: MANAGEMENT,
    scope: 'team',
  },
  { name: 'agency_rep', description: "An external service provider's field rep", permissions: FIELD_WORK, scope: 'self' },
];
