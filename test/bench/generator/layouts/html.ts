import type { TableGrid } from '../grid.js';
import type { Rng } from '../random.js';

/**
 * HTML tables with rowspan/colspan, the markup of government web pages (shuyang-fgj-2023.html):
 * each cell's text in a <p>, short headers sometimes in two <p>s ("商业" / "企业").
 */
export interface HtmlVariant {
  splitHeaders: boolean;
  blank: '<p> </p>' | '' | '&nbsp;';
  th: boolean;
}

export function drawHtmlVariant(rng: Rng): HtmlVariant {
  return { splitHeaders: rng.chance(0.4), blank: rng.pick(['<p> </p>', '', '&nbsp;'] as const), th: rng.chance(0.15) };
}

export function htmlVariantName(v: HtmlVariant): string {
  return [v.splitHeaders ? 'split-headers' : 'whole-headers', v.blank === '' ? 'empty-td' : v.blank === '&nbsp;' ? 'nbsp' : 'p-space', v.th ? 'th' : 'td'].join('+');
}

export function escapeHtml(text: string): string {
  return /[&<>]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

export function renderHtmlTable(grid: TableGrid, v: HtmlVariant): string {
  const out = ['<table border="1" cellspacing="0" cellpadding="2">', '  <tbody>'];
  for (const row of grid.rows) {
    out.push('    <tr>');
    for (const c of row) {
      const attrs = `${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
      let inner: string;
      if (c.text === '') inner = v.blank;
      else if (c.role === 'header' && v.splitHeaders && c.text.length === 4) inner = `<p>${c.text.slice(0, 2)}</p><p>${c.text.slice(2)}</p>`;
      else inner = `<p>${escapeHtml(c.text)}</p>`;
      const tag = v.th && c.role === 'header' ? 'th' : 'td';
      out.push(`      <${tag}${attrs}>${inner}</${tag}>`);
    }
    out.push('    </tr>');
  }
  out.push('  </tbody>', '</table>');
  return out.join('\n');
}
