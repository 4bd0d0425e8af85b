import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, tableCsv } from './csv.js';

describe('CSV', () => {
  it('starts with a byte order mark and ends each record with CRLF, so Excel reads it as UTF-8', () => {
    const csv = tableCsv({ columns: ['名次', '单位'], rows: [[1, '牡丹江市教育局']] });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toBe('\uFEFF名次,单位\r\n1,牡丹江市教育局\r\n');
  });

  it('quotes a field with a comma, a quote or a line break, doubling its quotes', () => {
    expect(csvField('鼓楼区教育局,福州市')).toBe('"鼓楼区教育局,福州市"');
    expect(csvField('填写“无”')).toBe('填写“无”');
    expect(csvField('表中填"无"')).toBe('"表中填""无"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
  });

  it('writes numbers as they are, a missing one as an empty field', () => {
    expect(csvField(2896.642)).toBe('2896.642');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });

  it('never lets text from a report run as a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
  });

  it('names the file by what it holds', () => {
    const table = { kind: 'ranking' as const, metric: '行政许可 处理决定数量', columns: ['名次', '单位', '年度', 'x'], rows: [[1, '甲局', 2020, 3]] };
    expect(csvFileName(table)).toBe('排名_行政许可处理决定数量_2020.csv');
    expect(csvFileName({ ...table, kind: 'trend', rows: [[1, '甲局', 2019, 3], [2, '甲局', 2021, 3], [3, '甲局', 2020, 1]] })).toBe('趋势_行政许可处理决定数量_2019-2021.csv');
    expect(csvFileName({ ...table, metric: '行政规范性文件 现行有效（对外公开总）件数' })).toBe('排名_行政规范性文件现行有效对外公开总件数_2020.csv');
  });
});
