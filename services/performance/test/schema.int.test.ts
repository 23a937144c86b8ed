import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { PerformanceDb } from '../src/db/schema';
import { performanceService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<PerformanceDb> = {
  performance_fact: {
    id: true,
    metric: true,
    user_id: true,
    org_unit_id: true,
    agency_id: true,
    area_id: true,
    country: true,
    occurred_at: true,
    day: true,
    week: true,
    month: true,
    quarter: true,
    source_type: true,
    source_id: true,
    source_event_id: true,
    credit: true,
    reverses: true,
    recorded_at: true,
  },
  performance_source: { metric: true, source_type: true, source_id: true, version: true, credit: true },
  performance_merchant: {
    merchant_id: true,
    owner_id: true,
    org_unit_id: true,
    agency_id: true,
    area_id: true,
    country: true,
    version: true,
  },
  performance_org_unit: { id: true, parent_id: true, country: true, version: true },
  performance_merchant_day: { merchant_id: true, day: true, orders: true, gmv_minor: true, currency: true, updated_at: true },
  performance_target: {
    id: true,
    metric: true,
    period: true,
    subject_type: true,
    subject_id: true,
    org_unit_id: true,
    country: true,
    value: true,
    set_by: true,
    updated_at: true,
    reached_at: true,
  },
  performance_plan: {
    id: true,
    country: true,
    role: true,
    name: true,
    currency: true,
    rules: true,
    version: true,
    updated_by: true,
    created_at: true,
    updated_at: true,
  },
  performance_pay_period: { id: true, country: true, month: true, statements: true, closed_by: true, closed_at: true },
  performance_statement: {
    id: true,
    user_id: true,
    org_unit_id: true,
    agency_id: true,
    country: true,
    month: true,
    plan_id: true,
    plan_rules: true,
    currency: true,
    lines: true,
    adjustments: true,
    earned_minor: true,
    adjustments_minor: true,
    total_minor: true,
    closed_at: true,
  },
  performance_attainment_told: { user_id: true, date: true, told_at: true },
  performance_period_reminded: { period_id: true, reminded_at: true },
};

describe.each(await databaseEngines())('the performance schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(performanceService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
