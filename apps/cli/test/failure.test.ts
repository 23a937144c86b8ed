import { ConfigError } from '@fieldops/platform';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/command';
import { describeFailure } from '../src/failure';

describe('how a failure reaches the operator', () => {
  it('names the setting of a configuration error, even when a driver wrapped it', () => {
    const wrapped = new Error('start failed', { cause: new ConfigError('BUS_URL', 'cannot connect') });
    expect(describeFailure(wrapped)).toEqual({ line: 'BUS_URL: cannot connect', exitCode: 1 });
  });

  it('points a usage mistake at the command help, with exit code 2', () => {
    expect(describeFailure(new UsageError('unknown option', 'dlq'))).toEqual({
      line: 'unknown option (see "fieldops help dlq")',
      exitCode: 2,
    });
  });

  it('keeps any other error to its first line', () => {
    expect(describeFailure(new Error('boom\n    at somewhere (file.ts:1:1)'))).toEqual({ line: 'boom', exitCode: 1 });
    expect(describeFailure(new AggregateError([new Error('ECONNREFUSED ::1'), new Error('ECONNREFUSED 127.0.0.1')]))).toEqual({
      line: 'ECONNREFUSED ::1; ECONNREFUSED 127.0.0.1',
      exitCode: 1,
    });
  });
});
