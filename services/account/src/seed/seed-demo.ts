import type { ProgressReporter } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import { hashPassword } from '../app/passwords';
import type { AccountContext } from '../config';
import type { OrgUnitRow } from '../db/org-unit.repository';
import { orgUnitRepository } from '../db/org-unit.repository';
import { roleRepository } from '../db/role.repository';
import { type UserRow, userRepository } from '../db/user.repository';
import { childPath } from '../domain/org-unit';
import { agencyEvents, orgUnitEvents, userEvents } from '../events/published';
import { DEMO_COUNTRIES, DEMO_PASSWORD, type DemoCountry, REPS_PER_TEAM, TEAM_NAMES } from './demo-organisation';

interface PersonPlan {
  email: string;
  role: string;
  unit: OrgUnitRow;
  agencyId?: string;
}

const ADMIN_EMAIL = 'admin@fieldops.test';

function personName({ demo: { people } }: DemoCountry, n: number): string {
  const given = people.givenNames[n % people.givenNames.length] ?? 'Alex';
  const family = people.familyNames[Math.floor(n / people.givenNames.length + n) % people.familyNames.length] ?? 'Lee';
  return people.familyNameFirst ? `${family}${given}` : `${given} ${family}`;
}

/** A phone the country's policy accepts, the same for the same person on every seed. */
function personPhone(ctx: AccountContext, country: DemoCountry, n: number): string | null {
  let state = n * 7919 + 1;
  const random = () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
  const policy = ctx.countries.get(country.code);
  for (let attempt = 0; attempt < 20; attempt++) {
    const phone = policy.normalizePhone(country.demo.phone(random));
    if (phone !== null) return phone;
  }
  return null;
}

function unit(parent: OrgUnitRow | null, kind: OrgUnitRow['kind'], name: string, country: string, at: number): OrgUnitRow {
  const id = uuidv7();
  return {
    id,
    parent_id: parent?.id ?? null,
    kind,
    name,
    country,
    path: childPath(parent?.path ?? null, id),
    version: 1,
    created_at: at,
    updated_at: at,
  };
}

/**
 * Seeds the demo organisation once: admin@fieldops.test plus, per country, a country manager, two city managers,
 * four team leads, twenty reps and a small agency, all with the password `demo1234`.
 */
export async function seedDemo(ctx: AccountContext, progress: ProgressReporter): Promise<{ summary: string } | undefined> {
  if (await userRepository.findByEmail(ctx.db, ADMIN_EMAIL)) return undefined;
  const at = ctx.clock.now();
  const roleIdByName = new Map<string, string>();
  for (const name of ['admin', 'country_manager', 'city_manager', 'team_lead', 'rep', 'agency_manager', 'agency_rep']) {
    const role = await roleRepository.findByName(ctx.db, name);
    if (role) roleIdByName.set(name, role.id);
  }
  const units: OrgUnitRow[] = [];
  const people: PersonPlan[] = [];
  const agencies: {
    id: string;
    name: string;
    country: string;
    status: 'active';
    version: number;
    created_at: number;
    updated_at: number;
  }[] = [];
  // The admin belongs to Singapore's organisation, or to the first demo country when the demo leaves Singapore out.
  const adminCountry = DEMO_COUNTRIES.some((c) => c.code === 'SG') ? 'SG' : DEMO_COUNTRIES[0]?.code;
  for (const country of DEMO_COUNTRIES) {
    const cc = country.code.toLowerCase();
    const root = unit(null, 'country', country.name, country.code, at);
    units.push(root);
    if (country.code === adminCountry) people.push({ email: ADMIN_EMAIL, role: 'admin', unit: root });
    people.push({ email: `countrymanager.${cc}@fieldops.test`, role: 'country_manager', unit: root });
    let team = 0;
    let rep = 0;
    for (const [c, cityName] of country.demo.orgCities.entries()) {
      const city = unit(root, 'city', cityName, country.code, at);
      units.push(city);
      people.push({ email: `citymanager${c + 1}.${cc}@fieldops.test`, role: 'city_manager', unit: city });
      for (const teamName of TEAM_NAMES) {
        const t = unit(city, 'team', `${cityName} ${teamName}`, country.code, at);
        units.push(t);
        team++;
        people.push({ email: `teamlead${team}.${cc}@fieldops.test`, role: 'team_lead', unit: t });
        for (let r = 0; r < REPS_PER_TEAM; r++) people.push({ email: `rep${++rep}.${cc}@fieldops.test`, role: 'rep', unit: t });
      }
    }
    const agency = {
      id: uuidv7(),
      name: `${country.demo.orgCities[0]} Field Partners`,
      country: country.code,
      status: 'active' as const,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    agencies.push(agency);
    const agencyTeam = units[units.length - 1] ?? root;
    people.push({ email: `agencymanager.${cc}@fieldops.test`, role: 'agency_manager', unit: agencyTeam, agencyId: agency.id });
    for (let a = 1; a <= 2; a++)
      people.push({ email: `agencyrep${a}.${cc}@fieldops.test`, role: 'agency_rep', unit: agencyTeam, agencyId: agency.id });
  }

  progress.start(units.length + people.length, 'account: demo organisation');
  // One hash for everyone: the demo password is the same, and Argon2 is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.transact(async (trx, events) => {
    for (const u of units) {
      await orgUnitRepository.insert(trx, u);
      await events.append(orgUnitEvents.created(u, 'system'));
      progress.tick();
    }
    for (const agency of agencies) {
      await trx.insertInto('agency').values(agency).execute();
      await events.append(agencyEvents.created(agency, 'system'));
    }
    for (const [n, person] of people.entries()) {
      const country = DEMO_COUNTRIES.find((c) => c.code === person.unit.country) ?? DEMO_COUNTRIES[0];
      if (!country) continue;
      const phone = personPhone(ctx, country, n);
      const user: UserRow = {
        id: uuidv7(),
        email: person.email,
        name: person.email === ADMIN_EMAIL ? 'FieldOps Admin' : personName(country, n),
        phone,
        country: country.code,
        org_unit_id: person.unit.id,
        agency_id: person.agencyId ?? null,
        password_hash: passwordHash,
        status: 'active',
        locale: ctx.countries.get(country.code).locale,
        version: 1,
        created_at: at,
        updated_at: at,
        last_login_at: null,
      };
      const roleIds = [roleIdByName.get(person.role)].filter((id): id is string => id !== undefined);
      await userRepository.insert(trx, user);
      await userRepository.setRoles(trx, user.id, roleIds);
      await events.append(userEvents.created(user, roleIds, 'system'));
      progress.tick();
    }
  });
  progress.stop();
  const lines = [
    `Demo logins (password "${DEMO_PASSWORD}"):`,
    `  ${ADMIN_EMAIL} (admin, every country)`,
    ...DEMO_COUNTRIES.map((c) => {
      const cc = c.code.toLowerCase();
      return `  ${c.code}: countrymanager.${cc}@  citymanager1-2.${cc}@  teamlead1-4.${cc}@  rep1-20.${cc}@  agencymanager.${cc}@  agencyrep1-2.${cc}@  (fieldops.test)`;
    }),
  ];
  return { summary: lines.join('\n') };
}
