import { describe, expect, it, vi } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { readReportFile } from './corpus.js';

// A parser bug, as a hostile file might trip one: readReportFile is the edge that catches it.
const thrown = vi.hoisted(() => ({ error: new Error('') as unknown }));
vi.mock('./parse.js', () => ({
  parseReportText: () => {
    throw thrown.error;
  },
}));

describe('a bug met while reading one file', () => {
  it('comes back as a failure naming the file, in one line', async () => {
    thrown.error = new TypeError("Cannot read properties of undefined (reading 'no')\n    at outline (outline.ts:1:1)");
    expect(await readReportFile(CORPUS_DIR, '004_1f4ee6e2bcc4addb.txt')).toEqual({
      ok: false,
      error: { file: '004_1f4ee6e2bcc4addb.txt', message: "读取时出错（Cannot read properties of undefined (reading 'no')）：文件可能损坏或结构异常" },
    });
  });

  it('a call stack overflow says the file nests too deep', async () => {
    thrown.error = new RangeError('Maximum call stack size exceeded');
    expect(await readReportFile(CORPUS_DIR, '004_1f4ee6e2bcc4addb.txt')).toEqual({
      ok: false,
      error: { file: '004_1f4ee6e2bcc4addb.txt', message: '读取时出错：文件结构嵌套过深，无法解析' },
    });
  });
});
