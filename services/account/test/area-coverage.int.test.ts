import { buildEnvelope } from '@fieldops/platform';
import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountHost, userIdOf } from './account-fixtures';

const engines = await databaseEngines();

describe.each(engines)('areas a user covers (area.coverage.changed.v1) on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let repId: string;
  const announce = (areaIds: string[], version: number) =>
    t.host.runtime.bus.publish([
      buildEnvelope('area', { type: 'area.coverage.changed.v1', subject: repId, data: { userId: repId, areaIds, version } }, Date.now()),
    ]);
  const areaIdsOnMe = async () => (await t.api('GET', '/api/v1/me', { token: rep })).body.scope.areaIds as string[];

  beforeAll(async () => {
    t = await startAccountHost(database);
    rep = await t.login('rep1.sg@fieldops.test');
    repId = await userIdOf(t, await t.login('admin@fieldops.test'), 'rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('answers no areas before the area service has said anything', async () => {
    expect(await areaIdsOnMe()).toEqual([]);
  });

  it('shows the announced areas in the resolved scope, whatever the scope', async () => {
    await announce(['01900000-0000-7000-8000-00000000000b', '01900000-0000-7000-8000-00000000000a'], 1);
    await eventually(async () =>
      expect(await areaIdsOnMe()).toEqual(['01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-00000000000b']),
    );
  });

  it('replaces the set with a newer one and ignores an older one', async () => {
    await announce(['01900000-0000-7000-8000-00000000000c'], 3);
    await eventually(async () => expect(await areaIdsOnMe()).toEqual(['01900000-0000-7000-8000-00000000000c']));
    await announce([], 2);
    await announce(['01900000-0000-7000-8000-00000000000d'], 3);
    expect(await areaIdsOnMe()).toEqual(['01900000-0000-7000-8000-00000000000c']);
    await announce([], 4);
    await eventually(async () => expect(await areaIdsOnMe()).toEqual([]));
  });
});
