import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../../test/paths.js';
import { parseReportText } from '../ingest/parse.js';
import type { Report, Result } from '../ingest/report.js';
import type { Answer } from '../query/answer.js';
import type { QueryEngine } from '../query/engine.js';
import { LiveEngine } from '../query/live-engine.js';
import { corpusFileName, FolderCorpus, saveIntoCorpus } from './corpus-file.js';
import { filesAmong } from './candidate.js';
import { Intake, type Shelf } from './intake.js';

const MDJ_FILE = '004_1f4ee6e2bcc4addb.txt'; // 牡丹江市教育局 2020
const seedBytes = (file: string) => readFileSync(path.join(CORPUS_DIR, file));
const seedReport = (file: string): Report => {
  const parsed = parseReportText(seedBytes(file).toString('utf8'), file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};
const tempCorpus = () => mkdtempSync(path.join(tmpdir(), 'intake-corpus-'));

/** A shelf that holds given reports and records reloads; its reports are what a reload would find. */
class ListShelf implements Shelf {
  reloads = 0;
  constructor(public reports: Report[] = []) {}
  filesOf(key: string): Promise<readonly string[]> {
    return filesAmong(this.reports)(key);
  }
  async reload(): Promise<Result<{ reports: number }, string>> {
    this.reloads += 1;
    return { ok: true, value: { reports: this.reports.length } };
  }
}

describe('reading a file that is to join the corpus', () => {
  it('says what the report holds and that the corpus lacks it', async () => {
    const read = await new Intake(new ListShelf(), new FolderCorpus(tempCorpus())).read(seedBytes(MDJ_FILE), '牡丹江2020.txt');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.name).toBe('牡丹江2020.txt');
    expect(read.value.summary).toMatchObject({ agency: '牡丹江市教育局', year: 2020, template: '2019', format: 'txt', copyOf: [] });
    expect(read.value.summary.cells).toBeGreaterThan(50);
  });

  it('names the corpus file already holding the same report', async () => {
    const shelf = new ListShelf([seedReport(MDJ_FILE)]);
    const read = await new Intake(shelf, new FolderCorpus(tempCorpus())).read(seedBytes(MDJ_FILE), 'copy.txt');
    expect(read.ok && read.value.summary.copyOf).toEqual([MDJ_FILE]);
  });

  it('refuses a byte-identical copy of a corpus file', async () => {
    const corpus = tempCorpus();
    writeFileSync(path.join(corpus, 'mdj.txt'), seedBytes(MDJ_FILE));
    const read = await new Intake(new ListShelf(), new FolderCorpus(corpus)).read(seedBytes(MDJ_FILE), 'again.txt');
    expect(read).toEqual({ ok: false, error: '语料中已有内容完全相同的文件（mdj.txt），无需再加' });
  });

  it('gives one line for a picture named .pdf and for a text that is no report', async () => {
    const intake = new Intake(new ListShelf(), new FolderCorpus(tempCorpus()));
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    expect(await intake.read(jpeg, 'scan.pdf')).toEqual({
      ok: false,
      error: '文件内容是JPEG 图片，不是能读取的报告格式：扩展名 .pdf 与内容不符，请按原格式保存后再放入语料',
    });
    const notice = await intake.read(Buffer.from('关于召开2024年工作会议的通知\n各单位：定于下周一开会。'), 'notice.txt');
    expect(notice.ok).toBe(false);
  });
});

describe('saving into the corpus', () => {
  it('names the file by what its bytes are, without folders or a leading dot', () => {
    const page = Buffer.from('<html><body>年报</body></html>');
    expect(corpusFileName('../../etc/年报.doc', page)).toBe('年报.html');
    expect(corpusFileName('.hidden.txt', Buffer.from('%PDF-1.7 …'))).toBe('hidden.pdf');
    expect(corpusFileName('notes.md', Buffer.from('# 年报'))).toBe('notes.md');
    expect(corpusFileName('', Buffer.from('文字'))).toBe('report.txt');
  });

  it('never replaces a file: a taken name gets a number', async () => {
    const corpus = tempCorpus();
    writeFileSync(path.join(corpus, 'a.txt'), 'old');
    expect(await saveIntoCorpus(corpus, 'a.txt', Buffer.from('new'))).toEqual({ ok: true, value: 'a-2.txt' });
    expect(readFileSync(path.join(corpus, 'a.txt'), 'utf8')).toBe('old');
    expect(readdirSync(corpus).sort()).toEqual(['a-2.txt', 'a.txt']); // no temporary file left
  });

  it('adds a report: saved, then the engine reloaded', async () => {
    const corpus = tempCorpus();
    const shelf = new ListShelf();
    const intake = new Intake(shelf, new FolderCorpus(corpus));
    const read = await intake.read(seedBytes(MDJ_FILE), 'mdj.txt');
    if (!read.ok) throw new Error(read.error);
    shelf.reports = [{ ...seedReport(MDJ_FILE), file: 'mdj.txt' }];
    const added = await intake.add(read.value);
    expect(added).toEqual({ ok: true, value: { file: 'mdj.txt', refreshed: { ok: true, value: { reports: 1 } } } });
    expect(shelf.reloads).toBe(1);
    expect(readFileSync(path.join(corpus, 'mdj.txt'))).toEqual(seedBytes(MDJ_FILE));
  });
});

describe('the engine of a running bot', () => {
  const engineAnswering = (text: string): QueryEngine => {
    const answer = (question: string): Answer => ({ question, route: 'meta', text, citations: [] });
    return { reports: [], errors: [], answer, ask: async (q) => answer(q) };
  };

  it('answers from the new corpus after a reload, and from the old one when the reload fails', async () => {
    const made = [engineAnswering('旧'), engineAnswering('新')];
    let fail = false;
    const live = await LiveEngine.open({ corpusDir: 'c', indexDir: 'i' }, async () => {
      if (fail) throw new Error('disk full');
      return made.shift() as QueryEngine;
    });
    expect((await live.ask('?')).text).toBe('旧');
    expect((await live.reload()).ok).toBe(true);
    expect((await live.ask('?')).text).toBe('新');
    fail = true;
    expect(await live.reload()).toEqual({ ok: false, error: '更新索引失败（disk full），仍按原有语料回答' });
    expect((await live.ask('?')).text).toBe('新');
  });

  it('reads again once for news that come while a reload runs, however many', async () => {
    let opened = 0;
    let release: () => void = () => undefined;
    const live = await LiveEngine.open({ corpusDir: 'c', indexDir: 'i' }, async () => {
      opened += 1;
      if (opened === 2) await new Promise<void>((r) => (release = r));
      return engineAnswering(`第${opened}次`);
    });
    const first = live.refresh();
    await new Promise((r) => setImmediate(r)); // the first reload is under way
    const news = [live.refresh(), live.refresh(), live.refresh()];
    release();
    await Promise.all([first, ...news]);
    expect(opened).toBe(3); // the start, the reload under way, one more for all the news
    expect((await live.ask('?')).text).toBe('第3次');
  });
});
