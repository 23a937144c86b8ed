import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { CheckinDb } from '../src/db/schema';
import { checkinService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<CheckinDb> = {
  day_plan: {
    id: true,
    rep_id: true,
    plan_date: true,
    country: true,
    org_unit_id: true,
    agency_id: true,
    stops: true,
    total_distance_m: true,
    travel_seconds: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  campaign_task: {
    id: true,
    rep_id: true,
    campaign_id: true,
    campaign_name: true,
    merchant_id: true,
    merchant_name: true,
    country: true,
    talking_points: true,
    lat: true,
    lng: true,
    due_at: true,
    closed_reason: true,
    opened_at: true,
    closed_at: true,
  },
  pending_check_out: { visit_id: true, rep_id: true, body: true, fingerprint: true, received_at: true, problem: true, created_at: true },
  visit: {
    id: true,
    device_checked_in_at: true,
    rep_id: true,
    org_unit_id: true,
    agency_id: true,
    country: true,
    area_id: true,
    target_type: true,
    target_id: true,
    target_name: true,
    target_lat: true,
    target_lng: true,
    lat: true,
    lng: true,
    accuracy_m: true,
    distance_m: true,
    mock_location: true,
    offline: true,
    checked_in_at: true,
    received_at: true,
    check_in_fingerprint: true,
    checked_out_at: true,
    check_out_received_at: true,
    check_out_fingerprint: true,
    dwell_seconds: true,
    outcome: true,
    notes: true,
    follow_up_at: true,
    answers: true,
    photo_ids: true,
    risk_score: true,
    risk_signals: true,
    verification: true,
    reviewed_by: true,
    review_reason: true,
    reviewed_at: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  visit_photo: { visit_id: true, photo_id: true, sha256: true, created_at: true },
};

describe.each(await databaseEngines())('the checkin schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(checkinService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
