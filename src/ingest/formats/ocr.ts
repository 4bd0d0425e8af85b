/**
 * Reading a scanned PDF by OCR, where the machine has the tools: `pdftoppm` (poppler-utils) turns
 * each page into a picture and `tesseract` with its Simplified Chinese data (tesseract-ocr-chi-sim)
 * reads it. Without them a scan is named as such and nothing is guessed. What OCR reads is marked
 * as such on every fact (see `parse.ts`), for OCR confuses digits more often than a text layer does.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Result } from '../report.js';

const run = promisify(execFile);

/** Resolution pages are rendered at for OCR: 300 dpi reads 10-point table digits reliably. */
const DPI = 300;
/** Time one page may take to render or read. */
const PAGE_TIMEOUT_MS = 120_000;
/** Pages read by OCR at most: an annual report has a handful; a book is not one. */
export const MAX_OCR_PAGES = 60;

let available: Promise<boolean> | null = null;

/** Whether `pdftoppm` and `tesseract` with Simplified Chinese are installed (asked once). */
export function ocrAvailable(): Promise<boolean> {
  if (process.env.REPORT_OCR === 'off') return Promise.resolve(false);
  return (available ??= (async () => {
    try {
      await run('pdftoppm', ['-v'], { timeout: 10_000 });
      const { stdout } = await run('tesseract', ['--list-langs'], { timeout: 10_000 });
      return stdout.split(/\s+/).includes('chi_sim');
    } catch {
      return false;
    }
  })());
}

/** The text of each page of a PDF, read by OCR; null where the tools are missing. */
export async function ocrPdf(bytes: Uint8Array, pages: number): Promise<Result<string[], string> | null> {
  if (!(await ocrAvailable())) return null;
  if (pages > MAX_OCR_PAGES) return { ok: false, error: `扫描件 PDF 有 ${pages} 页，超过文字识别上限 ${MAX_OCR_PAGES} 页` };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'report-ocr-'));
  try {
    const pdf = path.join(dir, 'report.pdf');
    await writeFile(pdf, bytes);
    await run('pdftoppm', ['-r', String(DPI), '-gray', '-png', pdf, path.join(dir, 'page')], { timeout: PAGE_TIMEOUT_MS * Math.max(pages, 1) });
    const images = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f)).sort((a, b) => pageNo(a) - pageNo(b));
    const texts: string[] = [];
    for (const image of images) {
      // --psm 6: one uniform block of text, which keeps a table row on one line.
      const { stdout } = await run('tesseract', [path.join(dir, image), 'stdout', '-l', 'chi_sim', '--psm', '6'], {
        timeout: PAGE_TIMEOUT_MS,
        // One thread a page: tesseract's own threads only fight the other work for the cores.
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        maxBuffer: 16 * 1024 * 1024,
      });
      texts.push(withoutOcrSpaces(stdout));
    }
    return { ok: true, value: texts };
  } catch (e) {
    return { ok: false, error: `扫描件 PDF 文字识别失败（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const pageNo = (file: string) => Number(/(\d+)\.png$/.exec(file)?.[1] ?? 0);

/**
 * Tesseract puts a space between every two Chinese characters it reads; between Chinese
 * characters (and Chinese punctuation) they are dropped, and the spaces between numbers are kept,
 * for they separate cells.
 */
export function withoutOcrSpaces(text: string): string {
  const cjk = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
  return text.replace(new RegExp(`(?<=[${cjk}]) +(?=[${cjk}])`, 'g'), '');
}
