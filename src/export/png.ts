import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, chartFontFor } from './font.js';

/**
 * An SVG drawn as a PNG by resvg, its text in the charts' Chinese font (never the boxes of a
 * missing glyph), on a white ground. Rendering runs on libuv's thread pool, off the event loop.
 * resvg reads fonts only from files, so the chart's font subset is written to a temporary file
 * for the length of one rendering.
 */
export async function svgToPng(svg: string, options: { zoom?: number } = {}): Promise<Buffer> {
  const font = await chartFontFor(textOf(svg));
  const file = path.join(tmpdir(), `chart-font-${process.pid}-${randomBytes(6).toString('hex')}.otf`);
  await writeFile(file, font);
  try {
    const image = await renderAsync(svg, {
      font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
      background: '#ffffff',
      fitTo: { mode: 'zoom', value: options.zoom ?? 1 },
    });
    return image.asPng();
  } finally {
    await rm(file, { force: true });
  }
}

/** The characters an SVG may draw: the text of its elements, entities decoded. */
function textOf(svg: string): string {
  const texts = [...svg.matchAll(/>([^<]+)</g)].map((m) => m[1] as string);
  return texts
    .join('')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] as string);
}
