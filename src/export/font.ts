import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';

/**
 * The charts' typeface: Noto Sans Hans Regular (SIL Open Font License), an OpenType font of
 * Simplified Chinese that comes with the npm package @embedpdf/fonts-sc, so no system font is
 * needed wherever `npm ci` ran.
 */
export const CHART_FONT_FAMILY = 'Noto Sans Hans';

/** Where the font file is. */
export function chartFontFile(): string {
  // The package exports no package.json: find its folder from its main module (dist/index.cjs).
  const main = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return path.join(path.dirname(main), '..', 'fonts', 'NotoSansHans-Regular.otf');
}

let whole: Promise<Buffer> | null = null;

/**
 * The font cut down to the characters of `text` (hb-subset). The whole font is 8 MB with tens of
 * thousands of glyphs, and resvg parses the font anew for every text element it lays out: with
 * the whole font a chart of 100 labels takes seconds, with a subset tens of milliseconds.
 */
export async function chartFontFor(text: string): Promise<Buffer> {
  whole ??= readFile(chartFontFile());
  const chars = [...new Set(text)].join('');
  return subsetFont(await whole, chars, { targetFormat: 'sfnt', keepFeatures: [], noHinting: true });
}
