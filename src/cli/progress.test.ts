import { describe, expect, it } from 'vitest';
import { ProgressLine } from './progress.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, s: { isTTY, columns: 60, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream };
};

describe('the progress line of npm run add', () => {
  it('redraws one line on a terminal and clears it', () => {
    const { written, s } = stream(true);
    const bar = new ProgressLine(4, s, 8);
    bar.update(1, 'a.pdf');
    bar.clear();
    expect(written).toEqual(['\r\x1b[K[##------] 1/4 a.pdf', '\r\x1b[K']);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { written, s } = stream(false);
    const bar = new ProgressLine(4, s);
    bar.update(1, 'a.pdf');
    bar.clear();
    expect(written).toEqual([]);
  });
});
