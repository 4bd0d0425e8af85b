import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { htmlToText } from './html.js';
import { documentText, readDocx } from './docx.js';
import { loadBytes } from './load.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const p = (text: string) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
/** A cell: its text, and how it spans (columns, or a row merge starting or continuing). */
const tc = (text: string, opts: { span?: number; merge?: 'restart' | 'continue' } = {}) => {
  const props = [
    opts.span ? `<w:gridSpan w:val="${opts.span}"/>` : '',
    opts.merge === 'restart' ? '<w:vMerge w:val="restart"/>' : opts.merge === 'continue' ? '<w:vMerge/>' : '',
  ].join('');
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}</w:tcPr>${text === '' ? '<w:p/>' : p(text)}</w:tc>`;
};
const tr = (...cells: string[]) => `<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>${rows.join('')}</w:tbl>`;
const doc = (...body: string[]) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body.join('')}<w:sectPr/></w:body></w:document>`;

function docx(xml: string, extra: Record<string, string> = {}): Buffer {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(xml),
  };
  for (const [name, body] of Object.entries(extra)) files[name] = strToU8(body);
  return Buffer.from(zipSync(files));
}

const text = (xml: string) => {
  const r = documentText(xml);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('DOCX reader', () => {
  it('reads paragraphs as lines, runs joined, tabs kept in running text', () => {
    const xml = doc(p('一、总体情况'), '<w:p><w:r><w:t>本年度</w:t></w:r><w:r><w:t>共收到</w:t></w:r><w:r><w:tab/><w:t>申请</w:t></w:r></w:p>');
    expect(text(xml)).toBe('一、总体情况\n本年度共收到\t申请');
  });

  it('reads a table with merged cells as the HTML reader reads the same table with rowspan and colspan', () => {
    const xml = doc(
      p('三、收到和处理政府信息公开申请情况'),
      tbl(
        tr(tc('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { span: 3, merge: 'restart' }), tc('申请人情况', { span: 3 })),
        tr(tc('', { span: 3, merge: 'continue' }), tc('自然人'), tc('法人或其他组织'), tc('总计')),
        tr(tc('三、本年度办理结果', { merge: 'restart' }), tc('（三）不予公开', { merge: 'restart' }), tc('1.属于国家秘密'), tc('0'), tc(''), tc('0')),
        tr(tc('', { merge: 'continue' }), tc('', { merge: 'continue' }), tc('2.其他法律行政法规禁止公开'), tc('3'), tc('1'), tc('4')),
      ),
      p('四、政府信息公开行政复议、行政诉讼情况'),
    );
    const html = `<p>三、收到和处理政府信息公开申请情况</p><table>
      <tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="3">申请人情况</td></tr>
      <tr><td>自然人</td><td>法人或其他组织</td><td>总计</td></tr>
      <tr><td rowspan="2">三、本年度办理结果</td><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td></td><td>0</td></tr>
      <tr><td>2.其他法律行政法规禁止公开</td><td>3</td><td>1</td><td>4</td></tr>
    </table><p>四、政府信息公开行政复议、行政诉讼情况</p>`;
    expect(text(xml)).toBe(htmlToText(html).trim());
    expect(text(xml).split('\n')).toContain('2.其他法律行政法规禁止公开\t3\t1\t4');
    // A blank cell stays a blank cell, between tabs.
    expect(text(xml).split('\n')).toContain('三、本年度办理结果\t（三）不予公开\t1.属于国家秘密\t0\t\t0');
  });

  it('leaves out deleted text, field codes and the second copy of a text box', () => {
    const xml = doc(
      '<w:p><w:r><w:t>现行有效</w:t></w:r><w:del><w:r><w:delText>废止</w:delText></w:r></w:del>'
        + '<w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>框</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>',
    );
    expect(text(xml)).toBe('现行有效框');
  });

  it('puts a table inside a cell into that cell, and survives tables nested 3,000 deep', () => {
    const inner = tbl(tr(tc('甲'), tc('乙')));
    expect(text(doc(tbl(tr(`<w:tc>${inner}</w:tc>`, tc('5'))))).trim()).toBe('甲 乙\t5');
    const deep = '<w:tbl><w:tr><w:tc>'.repeat(3000) + p('深') + '</w:tc></w:tr></w:tbl>'.repeat(3000);
    expect(text(doc(deep)).trim()).toBe('深');
  });

  it('reads a .docx file through the loader, and names a broken one', async () => {
    const file = docx(doc(p('政府信息公开工作年度报告'), tbl(tr(tc('规章'), tc('1'), tc('0'), tc('11')))));
    const r = await loadBytes(file, 'report.docx');
    expect(r.ok && r.value.format).toBe('docx');
    expect(r.ok && r.value.text).toContain('规章\t1\t0\t11');
    const broken = await loadBytes(file.subarray(0, 60), 'broken.docx');
    expect(broken.ok).toBe(false);
    const notXml = readDocx(docx('<w:document><w:body><w:p>'.replace('<w:p>', '<w:p><<')));
    expect(notXml.ok).toBe(false);
    if (!notXml.ok) expect(notXml.error).toMatch(/不是有效的 XML/);
  });

  it('names a ZIP without a Word document, and a Word document renamed .txt is read as one', async () => {
    const zip = Buffer.from(zipSync({ 'a.txt': strToU8('hello') }));
    const r = await loadBytes(zip, 'archive.docx');
    expect(!r.ok && r.error.message).toMatch(/ZIP 压缩包（不是 Word 文档）/);
    const renamed = await loadBytes(docx(doc(p('年度报告正文'))), 'report.txt');
    expect(renamed.ok && renamed.value.format).toBe('docx');
  });
});
