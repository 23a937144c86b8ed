import { parseClockTime } from '@fieldops/countries';
import { type Principal, UnprocessableError } from '@fieldops/platform';
import type { DeliveryChannel } from '../channels/channel';
import type { NotificationContext } from '../config';
import { ALL_WORKFLOWS, channelEnabled, type PreferenceChoice, preferenceRepository } from '../db/preference.repository';
import { type QuietHoursOverride, quietHoursRepository } from '../db/quiet-hours.repository';
import { isTimeZone, type QuietHours } from '../domain/quiet-hours';
import { WORKFLOWS, workflowNamed } from '../workflows';
import { countryTimezone } from './render';

const CHANNELS: DeliveryChannel[] = ['email', 'push', 'sms'];
type Switches = Record<DeliveryChannel, boolean>;

export interface PreferencesView {
  channels: Switches;
  workflows: { workflow: string; critical: boolean; channels: Switches }[];
  /** The window in force: the user's own where set, else their country's. */
  quietHours: { start: string; end: string; timezone: string };
  /** What the user set; null keeps the country's default. */
  quietHoursOverride: { quietHours: QuietHours | null; timeZone: string | null };
  countryQuietHours: { start: string; end: string; timezone: string };
  /** The zones of the countries served, for a short choice in the form. */
  timeZones: string[];
}

export interface PreferencesInput {
  channels?: Partial<Switches>;
  workflows?: { workflow: string; channels: Partial<Switches> }[];
  /** null: back to the country's window; absent: unchanged. */
  quietHours?: QuietHours | null;
  /** null: back to the country's zone; absent: unchanged. */
  timeZone?: string | null;
}

function countryDefaults(ctx: NotificationContext, country: string) {
  try {
    return ctx.countries.get(country).notifications;
  } catch {
    return { quietHours: { start: '22:00', end: '07:00' }, defaultChannels: ['email'] as const, smsProvider: 'default' };
  }
}

/** What the caller receives, per channel and per workflow: their choices over their country's defaults. */
export async function preferencesOf(ctx: NotificationContext, caller: Principal): Promise<PreferencesView> {
  const choices = await preferenceRepository.ofUser(ctx.db, caller.userId);
  const override = await quietHoursRepository.ofUser(ctx.db, caller.userId);
  const defaults = countryDefaults(ctx, caller.country);
  const countryQuietHours = { ...defaults.quietHours, timezone: countryTimezone(ctx.countries, caller.country) };
  const switches = (workflow: string, optIn: boolean) =>
    Object.fromEntries(CHANNELS.map((c) => [c, channelEnabled(choices, workflow, c, defaults.defaultChannels, optIn)])) as Switches;
  return {
    channels: Object.fromEntries(
      CHANNELS.map((c) => [c, choices.find((x) => x.workflow === ALL_WORKFLOWS && x.channel === c)?.enabled ?? true]),
    ) as Switches,
    workflows: WORKFLOWS.map((w) => ({
      workflow: w.name,
      critical: w.severity === 'critical',
      channels:
        w.severity === 'critical'
          ? (Object.fromEntries(CHANNELS.map((c) => [c, w.channels.includes(c)])) as Switches)
          : switches(w.name, w.optIn === true),
    })),
    quietHours: {
      ...(override.window ?? defaults.quietHours),
      timezone: override.timeZone ?? countryQuietHours.timezone,
    },
    quietHoursOverride: { quietHours: override.window, timeZone: override.timeZone },
    countryQuietHours,
    timeZones: [...new Set(ctx.countries.supported().map((code) => countryTimezone(ctx.countries, code)))].sort(),
  };
}

/** Saves the caller's switches; an unknown workflow is a 422 naming it, and nothing is saved. */
export async function savePreferences(ctx: NotificationContext, caller: Principal, input: PreferencesInput): Promise<PreferencesView> {
  const choices: PreferenceChoice[] = [];
  for (const [channel, enabled] of Object.entries(input.channels ?? {})) {
    if (enabled !== undefined) choices.push({ workflow: ALL_WORKFLOWS, channel: channel as DeliveryChannel, enabled });
  }
  for (const [index, entry] of (input.workflows ?? []).entries()) {
    if (!workflowNamed(entry.workflow)) {
      throw new UnprocessableError('There is no such workflow.', [
        { field: `/body/workflows/${index}/workflow`, message: `is not a workflow (known: ${WORKFLOWS.map((w) => w.name).join(', ')})` },
      ]);
    }
    for (const [channel, enabled] of Object.entries(entry.channels)) {
      if (enabled !== undefined) choices.push({ workflow: entry.workflow, channel: channel as DeliveryChannel, enabled });
    }
  }
  const quietHoursChange = checkedQuietHours(input);
  await ctx.transact(async (trx) => {
    await preferenceRepository.save(trx, caller.userId, choices, ctx.clock.now());
    if (!quietHoursChange) return;
    const current = await quietHoursRepository.ofUser(trx, caller.userId);
    await quietHoursRepository.save(trx, caller.userId, { ...current, ...quietHoursChange }, ctx.clock.now());
  });
  return preferencesOf(ctx, caller);
}

/** The quiet-hours part of the input, checked: a bad time or an unknown zone is a 422 naming it. */
function checkedQuietHours(input: PreferencesInput): Partial<QuietHoursOverride> | undefined {
  const problems: { field: string; message: string }[] = [];
  const change: Partial<QuietHoursOverride> = {};
  if (input.quietHours !== undefined) {
    const window = input.quietHours;
    if (window !== null) {
      for (const edge of ['start', 'end'] as const) {
        if (parseClockTime(window[edge]) === null)
          problems.push({ field: `/body/quietHours/${edge}`, message: 'is not a time HH:MM (00:00–23:59)' });
      }
      if (problems.length === 0 && window.start === window.end) {
        problems.push({ field: '/body/quietHours/end', message: 'must differ from the start' });
      }
    }
    change.window = window;
  }
  if (input.timeZone !== undefined) {
    if (input.timeZone !== null && !isTimeZone(input.timeZone)) {
      problems.push({ field: '/body/timeZone', message: 'is not a known IANA time zone (such as Asia/Singapore)' });
    }
    change.timeZone = input.timeZone;
  }
  if (problems.length > 0) throw new UnprocessableError('The quiet hours are not valid.', problems);
  return Object.keys(change).length > 0 ? change : undefined;
}
