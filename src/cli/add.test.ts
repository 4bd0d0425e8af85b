/**
 * `npm run -s add`: reports from files into a corpus, one line per input, the index brought up
 * to date once at the end. Every corpus and index here is a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, ROOT } from '../../test/paths.js';
import { readManifest } from '../search/manifest.js';

const MDJ = '004_1f4ee6e2bcc4addb.txt'; // 牡丹江市教育局 2020
const HULAN = '003_e1f77db6df68bd40.txt'; // 呼兰区教育局 2020
const HEGANG = '000_49469f21e3e534d6.txt'; // 鹤岗市教育局 2022

const temp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

/** A corpus of one seed report, an empty index folder, and a folder of files to add. */
function setUp() {
  const corpusDir = temp('add-cli-corpus-');
  copyFileSync(path.join(CORPUS_DIR, HEGANG), path.join(corpusDir, HEGANG));
  const inbox = temp('add-cli-inbox-');
  const put = (name: string, content: Buffer | string) => {
    writeFileSync(path.join(inbox, name), content);
    return path.join(inbox, name);
  };
  return { corpusDir, indexDir: temp('add-cli-index-'), put };
}

function add(dirs: { corpusDir: string; indexDir: string }, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/add.ts', '--corpus', dirs.corpusDir, '--index', dirs.indexDir, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, lines: run.stdout.trim().split('\n'), stderr: run.stderr };
}

const seed = (file: string) => readFileSync(path.join(CORPUS_DIR, file));

describe('npm run add', () => {
  it('adds reports from files, one line each, and indexes them', async () => {
    const dirs = setUp();
    const mdj = dirs.put('牡丹江2020.txt', seed(MDJ));
    const hulan = dirs.put('hulan.txt', seed(HULAN));
    const out = add(dirs, mdj, hulan);
    expect(out.code).toBe(0);
    expect(out.lines).toHaveLength(2);
    expect(out.lines[0]).toMatch(/^.*牡丹江2020\.txt\t牡丹江市教育局 2020年\t模板 2019\t表格 \d+ 格\t无法确认 \d+ 格\t新报告\t→ 牡丹江2020\.txt$/);
    expect(out.lines[1]).toMatch(/\t呼兰区教育局 2020年\t.*\t→ hulan\.txt$/);
    expect(readdirSync(dirs.corpusDir).sort()).toEqual([HEGANG, 'hulan.txt', '牡丹江2020.txt'].sort());
    const manifest = await readManifest(path.join(dirs.indexDir, 'passages'));
    expect(manifest?.files.map((f) => f.file).sort()).toEqual([HEGANG, 'hulan.txt', '牡丹江2020.txt'].sort());
    expect(out.stderr).toMatch(/加入 2 份，0 份无法加入；索引已更新/);
  });

  it('names what cannot be added, adds the rest, and says which report a file is a copy of', () => {
    const dirs = setUp();
    const picture = dirs.put('scan.pdf', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 1)]));
    const copy = dirs.put('hegang-copy.txt', Buffer.concat([seed(HEGANG), Buffer.from('\n')]));
    const same = dirs.put('hegang-same.txt', seed(HEGANG));
    const out = add(dirs, picture, path.join(path.dirname(picture), 'missing.txt'), copy, same);
    expect(out.code).toBe(1);
    expect(out.lines).toHaveLength(4);
    expect(out.lines[0]).toMatch(/scan\.pdf\t错误：文件内容是JPEG 图片/);
    expect(out.lines[1]).toMatch(/missing\.txt\t错误：文件不存在/);
    expect(out.lines[2]).toMatch(new RegExp(`\\t鹤岗市教育局 2022年\\t.*\\t副本：${HEGANG}\\t→ hegang-copy\\.txt$`));
    expect(out.lines[3]).toMatch(new RegExp(`hegang-same\\.txt\\t错误：语料中已有内容完全相同的文件（${HEGANG}）`));
    expect(readdirSync(dirs.corpusDir).sort()).toEqual([HEGANG, 'hegang-copy.txt'].sort());
  });

  it('--dry-run reads and reports without saving into the corpus', () => {
    const dirs = setUp();
    const out = add(dirs, '--dry-run', dirs.put('mdj.txt', seed(MDJ)));
    expect(out.code).toBe(0);
    expect(out.lines).toEqual([expect.stringMatching(/\t牡丹江市教育局 2020年\t.*\t新报告\t未保存（--dry-run）$/)]);
    expect(readdirSync(dirs.corpusDir)).toEqual([HEGANG]);
  });
});
