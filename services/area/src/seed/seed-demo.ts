import type { ProgressReporter } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import { newAreaRow } from '../app/create-area';
import { bumpIndexVersion } from '../app/index-change';
import { linkSeeded } from '../app/link-seeded';
import type { AreaContext } from '../config';
import type { AreaRow } from '../db/area.repository';
import { areaRepository } from '../db/area.repository';
import type { SeedLinkRow } from '../db/seed-link.repository';
import { seedLinkRepository } from '../db/seed-link.repository';
import type { AreaKind } from '../domain/area-kind';
import type { AssignmentRole } from '../domain/assignment';
import type { AreaGeometry } from '../domain/geometry';
import { areaEvents } from '../events/published';
import { DEMO_COUNTRIES, type DemoCountry, demoCities, rectangle } from './demo-territories';

const REPS = 20;
const REPS_PER_TEAM = 5;

interface Plan {
  areas: AreaRow[];
  links: SeedLinkRow[];
}

function planCountry(demo: DemoCountry, at: number): Plan {
  const cc = demo.country.toLowerCase();
  const areas: AreaRow[] = [];
  const links: SeedLinkRow[] = [];
  const add = (kind: AreaKind, name: string, code: string, geometry: AreaGeometry, parent: AreaRow | null) => {
    const row = newAreaRow(uuidv7(), { kind, name, code, geometry }, parent, demo.country, at);
    areas.push(row);
    return row;
  };
  const link = (area: AreaRow, target: SeedLinkRow['target'], matchKey: string, role: AssignmentRole | null) =>
    links.push({ id: uuidv7(), area_id: area.id, target, match_key: matchKey, role });
  const root = add('country', demo.name, `country-${demo.country}`, rectangle([...demo.demo.extent]), null);
  link(root, 'user', `countrymanager.${cc}@fieldops.test`, 'manager');
  // The districts of the cities the account's demo organisation has are worked by its reps, in that order.
  let worked = 0;
  for (const [c, city] of demoCities(demo).entries()) {
    const cityArea = add('city', city.name, `city-${demo.country}-${c + 1}`, city.geometry, root);
    const accountCity = demo.demo.orgCities.indexOf(city.name);
    if (accountCity >= 0) {
      link(cityArea, 'org_unit', `${demo.country}/${city.name}`, null);
      link(cityArea, 'user', `citymanager${accountCity + 1}.${cc}@fieldops.test`, 'manager');
    }
    for (const district of city.districts) {
      const area = add('district', district.name, district.code, district.geometry, cityArea);
      if (accountCity < 0) continue;
      const primary = (worked % REPS) + 1;
      const backup = ((worked + 1) % REPS) + 1;
      link(area, 'user', `rep${primary}.${cc}@fieldops.test`, 'primary');
      link(area, 'user', `rep${backup}.${cc}@fieldops.test`, 'backup');
      link(area, 'user', `teamlead${Math.ceil(primary / REPS_PER_TEAM)}.${cc}@fieldops.test`, 'manager');
      worked++;
    }
  }
  return { areas, links };
}

/**
 * Seeds the demo territories once: per demo country a country outline, its demo city (SG: the URA regions) as the
 * convex hull of its real districts, and the districts. People and org units belong to the account service: the
 * seed records who should be assigned where (by email, and the city org units by name) and `linkSeeded` carries
 * that out as soon as the account's events have arrived — at once when embedded, where the account seeds first.
 */
export async function seedDemo(ctx: AreaContext, progress: ProgressReporter): Promise<{ summary: string } | undefined> {
  if ((await areaRepository.page(ctx.db, { all: true }, {}, undefined, 1)).length > 0) return undefined;
  const at = ctx.clock.now();
  const plans = DEMO_COUNTRIES.map((demo) => planCountry(demo, at));
  const total = plans.reduce((n, p) => n + p.areas.length, 0);
  progress.start(total, 'area: demo territories');
  await ctx.transact(async (trx, events) => {
    for (const plan of plans) {
      for (const area of plan.areas) {
        await areaRepository.insert(trx, area);
        await events.append(areaEvents.created(area, 'system'));
        progress.tick();
      }
      await seedLinkRepository.insertMany(trx, plan.links);
    }
    await bumpIndexVersion(ctx, trx);
  });
  progress.stop();
  await linkSeeded(ctx);
  const lines = plans.map((plan, i) => {
    const districts = plan.areas.filter((a) => a.kind === 'district').length;
    return `  ${DEMO_COUNTRIES[i]?.country}: ${districts} districts in ${plan.areas.filter((a) => a.kind === 'city').length} city area(s)`;
  });
  return { summary: ['Demo territories (boundaries: see the NOTICE in each country pack):', ...lines].join('\n') };
}
