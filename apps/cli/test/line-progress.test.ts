import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineProgress } from '../src/progress/line-progress';

function captured(): { stream: PassThrough; lines(): string[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, lines: () => text.trimEnd().split('\n') };
}

describe('progress without a terminal', () => {
  it('writes a line at the start, at each quarter and at the end, not one per tick', () => {
    const output = captured();
    const progress = new LineProgress(output.stream);

    progress.start(8, 'account: demo organisation');
    for (let i = 0; i < 8; i++) progress.tick();
    progress.stop();

    expect(output.lines()).toEqual([
      'account: demo organisation: 0/8',
      'account: demo organisation: 2/8',
      'account: demo organisation: 4/8',
      'account: demo organisation: 6/8',
      'account: demo organisation: 8/8 done',
    ]);
  });
});
