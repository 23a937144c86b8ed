import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { NotificationDb } from '../src/db/schema';
import { notificationService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<NotificationDb> = {
  notice: {
    id: true,
    user_id: true,
    workflow: true,
    source_key: true,
    severity: true,
    title: true,
    body: true,
    link: true,
    created_at: true,
    read_at: true,
    archived_at: true,
  },
  delivery: {
    id: true,
    user_id: true,
    workflow: true,
    channel: true,
    source_key: true,
    country: true,
    locale: true,
    address: true,
    subject: true,
    text: true,
    html: true,
    link: true,
    severity: true,
    state: true,
    attempts: true,
    driver: true,
    provider_answer: true,
    next_attempt_at: true,
    created_at: true,
    updated_at: true,
    sent_at: true,
  },
  notification_preference: { user_id: true, workflow: true, channel: true, enabled: true, updated_at: true },
  notification_quiet_hours: { user_id: true, quiet_start: true, quiet_end: true, time_zone: true, updated_at: true },
  push_subscription: { id: true, user_id: true, endpoint: true, p256dh: true, auth: true, created_at: true },
  digest_item: {
    id: true,
    user_id: true,
    workflow: true,
    channel: true,
    source_key: true,
    line: true,
    link: true,
    country: true,
    locale: true,
    address: true,
    due_at: true,
    created_at: true,
  },
};

describe.each(await databaseEngines())('the notification schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(notificationService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
