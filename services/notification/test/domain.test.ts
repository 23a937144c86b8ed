import { describe, expect, it } from 'vitest';
import { windowEnd } from '../src/app/notify';
import { channelEnabled, optedIn } from '../src/db/preference.repository';
import { afterAttempt, backoffMs, MAX_ATTEMPTS } from '../src/domain/delivery-state';
import { templateLocale } from '../src/domain/locale';
import { quietUntil } from '../src/domain/quiet-hours';

const SG = 'Asia/Singapore';
const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  const night = { start: '22:00', end: '07:00' };
  it('a window spanning midnight holds from its start to the next morning, in the zone', () => {
    expect(quietUntil(at('2027-03-02T23:00:00+08:00'), SG, night)).toBe(at('2027-03-03T07:00:00+08:00'));
    expect(quietUntil(at('2027-03-03T03:30:00+08:00'), SG, night)).toBe(at('2027-03-03T07:00:00+08:00'));
    expect(quietUntil(at('2027-03-03T07:00:00+08:00'), SG, night)).toBeNull();
    expect(quietUntil(at('2027-03-02T21:59:00+08:00'), SG, night)).toBeNull();
  });
  it('a window within one day', () => {
    expect(quietUntil(at('2027-03-02T13:00:00+08:00'), SG, { start: '12:00', end: '14:00' })).toBe(at('2027-03-02T14:00:00+08:00'));
    expect(quietUntil(at('2027-03-02T14:00:00+08:00'), SG, { start: '12:00', end: '14:00' })).toBeNull();
  });
  it('the same instant is quiet in one zone and not in another', () => {
    const instant = at('2027-03-02T15:30:00Z'); // 23:30 in Singapore, 12:30 in São Paulo
    expect(quietUntil(instant, SG, night)).not.toBeNull();
    expect(quietUntil(instant, 'America/Sao_Paulo', night)).toBeNull();
  });
});

describe('delivery states', () => {
  it('a temporary failure retries with growing waits, then dead-letters at the last attempt', () => {
    expect(afterAttempt({ status: 'retry', providerAnswer: '451' }, 1, 0)).toEqual({ state: 'retrying', nextAttemptAt: backoffMs(1) });
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
    expect(afterAttempt({ status: 'retry', providerAnswer: '451' }, MAX_ATTEMPTS, 0)).toEqual({
      state: 'dead-lettered',
      nextAttemptAt: null,
    });
  });
  it('a permanent failure or a gone address ends at once; a sent one is done', () => {
    expect(afterAttempt({ status: 'failed', providerAnswer: '550' }, 1, 0).state).toBe('failed');
    expect(afterAttempt({ status: 'gone', providerAnswer: '410' }, 1, 0).state).toBe('failed');
    expect(afterAttempt({ status: 'sent', providerAnswer: '250' }, 1, 0)).toEqual({ state: 'sent', nextAttemptAt: null });
  });
});

describe('templates and preferences', () => {
  it('a recipient locale finds its closest template, else English', () => {
    expect(templateLocale('zh-CN')).toBe('zh-CN');
    expect(templateLocale('en-SG')).toBe('en');
    expect(templateLocale('id-ID')).toBe('id');
    expect(templateLocale('pt-BR')).toBe('pt-BR');
    expect(templateLocale('fr-FR')).toBe('en');
  });
  it('a switched-off channel wins over a workflow switched on; otherwise the workflow, then the country default', () => {
    const off = [{ workflow: '*', channel: 'email' as const, enabled: false }];
    expect(channelEnabled(off, 'lead-assigned', 'email', ['email'])).toBe(false);
    expect(
      channelEnabled([...off, { workflow: 'lead-assigned', channel: 'email', enabled: true }], 'lead-assigned', 'email', ['email']),
    ).toBe(false);
    expect(channelEnabled([{ workflow: 'lead-assigned', channel: 'sms', enabled: true }], 'lead-assigned', 'sms', ['email'])).toBe(true);
    expect(channelEnabled([], 'lead-assigned', 'sms', ['email'])).toBe(false);
    expect(channelEnabled([], 'lead-assigned', 'email', ['email'])).toBe(true);
  });
  it('an opt-in workflow is off on every channel, country default or whole channel on, until the user turns it on', () => {
    const channelOn = [{ workflow: '*', channel: 'email' as const, enabled: true }];
    expect(channelEnabled([], 'daily-attainment', 'email', ['email'], true)).toBe(false);
    expect(channelEnabled(channelOn, 'daily-attainment', 'email', ['email'], true)).toBe(false);
    const turnedOn = [{ workflow: 'daily-attainment', channel: 'push' as const, enabled: true }];
    expect(channelEnabled(turnedOn, 'daily-attainment', 'push', ['email'], true)).toBe(true);
    expect(channelEnabled(turnedOn, 'daily-attainment', 'email', ['email'], true)).toBe(false);
    expect(optedIn(turnedOn, 'daily-attainment')).toBe(true);
    expect(optedIn(channelOn, 'daily-attainment')).toBe(false);
  });
  it('digest windows are fixed slices: every notice of a slice goes out at its end', () => {
    expect(windowEnd(3_600_000 * 5 + 1, 3_600_000)).toBe(3_600_000 * 6);
    expect(windowEnd(3_600_000 * 5 + 3_599_999, 3_600_000)).toBe(3_600_000 * 6);
  });
});
