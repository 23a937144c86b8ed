import { type Principal, UnprocessableError } from '@fieldops/platform';
import type { DeliveryChannel } from '../channels/channel';
import type { NotificationContext } from '../config';
import { ALL_WORKFLOWS, channelEnabled, type PreferenceChoice, preferenceRepository } from '../db/preference.repository';
import { WORKFLOWS, workflowNamed } from '../workflows';
import { countryTimezone } from './render';

const CHANNELS: DeliveryChannel[] = ['email', 'push', 'sms'];
type Switches = Record<DeliveryChannel, boolean>;

export interface PreferencesView {
  channels: Switches;
  workflows: { workflow: string; critical: boolean; channels: Switches }[];
  quietHours: { start: string; end: string; timezone: string };
}

export interface PreferencesInput {
  channels?: Partial<Switches>;
  workflows?: { workflow: string; channels: Partial<Switches> }[];
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
  const defaults = countryDefaults(ctx, caller.country);
  const switches = (workflow: string) =>
    Object.fromEntries(CHANNELS.map((c) => [c, channelEnabled(choices, workflow, c, defaults.defaultChannels)])) as Switches;
  return {
    channels: Object.fromEntries(
      CHANNELS.map((c) => [c, choices.find((x) => x.workflow === ALL_WORKFLOWS && x.channel === c)?.enabled ?? true]),
    ) as Switches,
    workflows: WORKFLOWS.map((w) => ({
      workflow: w.name,
      critical: w.severity === 'critical',
      channels:
        w.severity === 'critical' ? (Object.fromEntries(CHANNELS.map((c) => [c, w.channels.includes(c)])) as Switches) : switches(w.name),
    })),
    quietHours: { ...defaults.quietHours, timezone: countryTimezone(ctx.countries, caller.country) },
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
  await ctx.transact((trx) => preferenceRepository.save(trx, caller.userId, choices, ctx.clock.now()));
  return preferencesOf(ctx, caller);
}
