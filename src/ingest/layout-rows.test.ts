import { describe, expect, it } from 'vitest';
import { placeUnderHeader } from './layout-columns.js';
import { isLaidOut, rebuildRows } from './layout-rows.js';
import { labelRegex, TABLE1_LABELS, TABLE2_LABELS } from './labels.js';
import { normalizeText } from './normalize.js';

const TABLE2 = Object.values(TABLE2_LABELS).map(labelRegex);
const TABLE1 = Object.values(TABLE1_LABELS).map(labelRegex);
const rows = (text: string) => rebuildRows(text, TABLE2, 7).trimEnd().split('\n');

describe('rows of a table laid out by pdftotext -layout', () => {
  it('joins a label wrapped around its numbers', () => {
    const text = [
      '             3.危及“三安全       5        0        0        0        0        0        5',
      '             一稳定”',
      '             4.保护第三方合法权益    6        0        0        0        0        0        6',
    ].join('\n');
    expect(rows(text)).toEqual(['3.危及“三安全一稳定”\t5\t0\t0\t0\t0\t0\t5', '4.保护第三方合法权益\t6\t0\t0\t0\t0\t0\t6']);
  });

  it('gives a label the numbers on a line of their own below or between its lines', () => {
    const text = [
      '      （二）部分公开（区分处理的，只计这一情',
      '                                447         7        0        0        0    0   454',
      '      形，不计其他情形）',
      '             1.属于国家秘密            2          0        0        0        0    0    2',
    ].join('\n');
    // The rest of the label, after the numbers, stands on a line of its own: words, no cells.
    expect(rows(text)).toEqual(['（二）部分公开（区分处理的，只计这一情\t447\t7\t0\t0\t0\t0\t454', '形，不计其他情形）', '1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2']);
  });

  it('gives the numbers beside a piece of a spanning label to the row it stands in', () => {
    const text = [
      '                4.保护第三方合法权',
      '          （三）不                0       0       0       0       0       0       0',
      '          予公开   益',
      '                5.属于三类内部事务     1       0       0       0       0       0       1',
    ].join('\n');
    const read = rows(text);
    expect(read.find((r) => r.startsWith('4.保护第三方合法权'))).toMatch(/^4\.保护第三方合法权益?(\t0){7}$/);
    expect(read.filter((r) => r.startsWith('（三）'))).toEqual(['（三）不']);
  });

  it('gives the numbers beside a group piece to the open row whose label is still unfinished', () => {
    const text = [
      '            2.重复申请     1     0     0     0     0     0     1',
      '',
      '            3.要求提供公开',
      '       （五）             1     0     0     0     0     0     1',
      '       不予处  出版物',
      '       理',
      '            4.无正当理由大',
      '                       2     0     0     0     1     0     3',
      '            量反复申请',
    ].join('\n');
    const read = rows(text);
    expect(read).toContain('3.要求提供公开出版物\t1\t0\t0\t0\t0\t0\t1');
    expect(read.filter((r) => r.startsWith('（五）'))).toEqual(['（五）']);
  });

  it('sets apart the pieces of a label spanning rows, left of the rows it spans', () => {
    const text = [
      '             4.保护第三方合法权益         6          0        0        0        0    0    6',
      '      （三）不',
      '      予公开',
      '             5.属于三类内部事务信息        7          1        0        0        0    0    8',
    ].join('\n');
    expect(rows(text)).toEqual(['4.保护第三方合法权益\t6\t0\t0\t0\t0\t0\t6', '（三）不', '予公开', '5.属于三类内部事务信息\t7\t1\t0\t0\t0\t0\t8']);
  });

  it('reads a row with nothing beside it as blank cells, when every number has its row', () => {
    const text = [
      '             7.属于行政执法案卷          9          0        0        0        0    0    9',
      '             8.属于行政查询事项',
      '             1.本机关不掌握相关政府信息     746         12       0        0    10       1   769',
    ].join('\n');
    expect(rows(text)[1]).toBe('8.属于行政查询事项\t\t\t\t\t\t\t');
  });

  it('leaves a row short, never guessed, when some numbers stand on no row', () => {
    const text = [
      '             7.属于行政执法案卷          9          0        0        0        0    0    9',
      '             8.属于行政查询事项',
      '                                 3          0        0        0        0    0    3',
      '                                 4          0        0        0        0    0    4',
    ].join('\n');
    expect(rows(text)[1]).toBe('8.属于行政查询事项\t3\t0\t0\t0\t0\t0\t3');
    expect(rows(text)[2]).toBe('\t4\t0\t0\t0\t0\t0\t4');
  });

  it('puts the numbers of a row with blank cells under their columns', () => {
    const text = [
      '      （一）予以公开          12        1        0        0        0        0        13',
      '      （二）部分公开            2                                                   2',
    ].join('\n');
    expect(rows(text)[1]).toBe('（二）部分公开\t2\t\t\t\t\t\t2');
  });

  it('puts numbers under 自然人 and 总计 by the header where no row fills every column, and nothing else', () => {
    // The header as pdftotext prints hongze-qzf-2023's, the organisations' columns left blank.
    const header = [
      '                                             自然人         社会 法律                总计',
      '                                                   商业 科研',
      '                                                         公益 服务 其他',
      '                                                   企业 机构',
      '                                                         组织 机构',
    ];
    const text = [
      ...header,
      '一、本年新收政府信息公开申请数量                             21                                 21',
      '二、上年结转政府信息公开申请数量                                   3                             3',
    ].join('\n');
    expect(rows(text).slice(-2)).toEqual(['一、本年新收政府信息公开申请数量\t21\t\t\t\t\t\t21', '二、上年结转政府信息公开申请数量\t3\t3']);
  });

  it('puts each number under its own column where the header words stand over all seven', () => {
    // A Word-made PDF as the PDF loader lays it out: narrow columns, every header word over its
    // column, the organisations' columns mostly blank, so that no row fills every column.
    const text = [
      '                                                                   法人或其他组织',
      '                 （本列数据的勾稽关系为：第一项加第二项之',
      '                                                        自然              社会   法律',
      '                 和，等于第三项加第四项之和）                              商业    科研                  总计',
      '                                                         人              公益   服务   其他',
      '                                                             企业    机构',
      '                                                                        组织   机构',
      '',
      '                 一、本年新收政府信息公开申请数量                         8    1    1                   10',
      '',
      '                 二、上年结转政府信息公开申请数量                         1                              1',
    ].join('\n');
    expect(rows(text).slice(-2)).toEqual(['一、本年新收政府信息公开申请数量\t8\t1\t1\t\t\t\t10', '二、上年结转政府信息公开申请数量\t1\t\t\t\t\t\t1']);
  });

  it("keeps the header's columns on the next page, which repeats no header, where its numbers stand under them", () => {
    const header = [
      '                                                        自然              社会   法律',
      '                                                             商业    科研                  总计',
      '                                                         人              公益   服务   其他',
      '                                                             企业    机构',
      '                                                                        组织   机构',
      '',
      '                 一、本年新收政府信息公开申请数量                         8    1    1                   10',
    ];
    /** A line with each piece starting at its column. */
    const line = (pieces: Array<[number, string]>) => pieces.reduce((l, [x, t]) => l.padEnd(x) + t, '');
    const next = (shift: number) => [
      `\f${line([[26 + shift, '3.其他'], [58 + shift, '0'], [88 + shift, '0']])}`,
      line([[17 + shift, '（七）总计'], [58 + shift, '9'], [67 + shift, '1'], [88 + shift, '10']]),
    ];
    expect(rows([...header, ...next(0)].join('\n')).slice(-2)).toEqual(['3.其他\t0\t\t\t\t\t\t0', '（七）总计\t9\t\t1\t\t\t\t10']);
    // Laid out further right than the header's page: the columns are not known there.
    expect(rows([...header, ...next(3)].join('\n')).slice(-2)).toEqual(['3.其他\t0\t0', '（七）总计\t9\t1\t10']);
  });

  it('trusts no inner header word whose columns are not evenly apart: such a number leaves its row short', () => {
    const text = [
      '                                                        自然   社会       法律',
      '                                                             商业    科研                  总计',
      '                                                         人   公益       服务   其他',
      '',
      '                 一、本年新收政府信息公开申请数量                         8    1    1                   10',
    ].join('\n');
    expect(rows(text).at(-1)).toBe('一、本年新收政府信息公开申请数量\t8\t1\t1\t10');
  });

  it('ends a table-1 row at its name: a row that swallowed the next label keeps no numbers', () => {
    const text = ['行政许可', '其他对外管      1          0         0', '服务事项'].join('\n');
    expect(rebuildRows(text, TABLE1).trimEnd().split('\n')).toEqual(['行政许可其他对外管', '服务事项']);
  });

  it('takes the rest of a 第二十条 item title beside a table-1 row’s numbers for no row of its own', () => {
    // The item as a column spanning its rows: "（八）项" stands left of the wrapped label, beside its number.
    const text = [
      '             信息内容           本年收费金额（单位：万元）',
      '      第二十条第  行政事业性收',
      '      （八）项                             1205',
      '             费',
    ].join('\n');
    const read = rebuildRows(text, TABLE1).trimEnd().split('\n');
    expect(read).toContain('行政事业性收费\t1205');
    expect(read.filter((r) => r.includes('1205'))).toHaveLength(1);
  });

  it('tells laid-out columns from crawled text with one space between numbers', () => {
    expect(isLaidOut(['规章          0          0         0', '行政规范性文件       0          0         3', '行政许可        24         0         22'].join('\n'))).toBe(true);
    expect(isLaidOut(['规章 0 0 0', '规范性文件 898989', '行政许可 24 0 22'].join('\n'))).toBe(false);
  });
});

describe('table 3 laid out by a PDF loader', () => {
  // A Word-made PDF: narrow columns, every outcome header word over its column.
  const header = [
    '                        行政复议                              行政诉讼',
    '',
    '                                            未经复议直接起诉                 复议后起诉',
    '                结果  结果   其他   尚未',
    '                                  总计   结果  结果   其他   尚未       结果   结果  其他   尚未',
    '                维持  纠正   结果   审结                         总计                     总计',
    '                                       维持  纠正   结果   审结       维持   纠正  结果   审结',
  ];

  it('puts the numbers of a row with a blank cell under the header words of their columns', () => {
    const values = '                 0    0   0    0   0    0    0        0   0    0    0   0    0    0';
    expect(placeUnderHeader(header, values, 15)).toEqual(['0', '0', '0', '0', '0', '0', '0', '', '0', '0', '0', '0', '0', '0', '0']);
  });

  it('places nothing where the header words are squeezed together (pdftotext), nor a number between two columns', () => {
    const squeezed = header.map((l) => l.replace(/ {2,}(?=结果|维持|纠正|其他|尚未|审结|总计)/g, ' '));
    const row = '                 0    0   0    0   0    0    0        0   0    0    0   0    0    0';
    expect(placeUnderHeader(squeezed, row, 15)).toBeNull();
    // The first number moved halfway between the first two columns.
    expect(placeUnderHeader(header, `${' '.repeat(20)}0${row.slice(21)}`, 15)).toBeNull();
  });
});

describe('rows of a Word export, cells apart by tabs', () => {
  it('joins the closing quote of a wrapped label to it, and keeps the blank cell after it', () => {
    const text = ['3.危及“三安全一稳定', '”\t\t0\t0\t0\t0\t0\t0', '4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0'].join('\n');
    expect(rows(text)).toEqual(['3.危及“三安全一稳定”\t\t0\t0\t0\t0\t0\t0', '4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0']);
  });

  it('reads a row whose cells all say 不涉及 as a row, not as a line of header words', () => {
    const text = ['第二十条第（八）项', '信息内容\t上一年项目数量\t本年增/减', '行政事业性收费\t不涉及\t不涉及'].join('\n');
    expect(rebuildRows(text, TABLE1).trimEnd().split('\n').pop()).toBe('行政事业性收费\t不涉及\t不涉及');
  });
});

describe('page breaks in PDF extracts', () => {
  it('drops page numbers in every common style', () => {
    for (const footer of ['-3-', '- 3 -', '— 3 —', '第 3 页', '第3页 共8页', '3 / 8', '3/8']) {
      expect(normalizeText(`规章  0  0  0\n          ${footer}\n\f行政许可  5`), footer).toBe('规章  0  0  0\n          \n\f行政许可  5');
    }
  });

  it('joins a row that a page break cuts in two: the label goes on at the top of the next page', () => {
    // A Word-made PDF (LibreOffice): the row "7.属于行政执法案卷" breaks across pages 2 and 3.
    const zeros = '      0      0      0      0      0       0      0';
    const text = [
      `                            7.属于行政执法  ${zeros}`,
      '',
      '\f                            案卷',
      '',
      '                            8.属于行政查询',
      `                                         ${zeros}`,
      '                            事项',
    ].join('\n');
    const read = rows(text);
    expect(read).toContain(`7.属于行政执法案卷${'\t0'.repeat(7)}`);
    expect(read).toContain(`8.属于行政查询事项${'\t0'.repeat(7)}`);
    expect(read).not.toContain('案卷');
  });

  it('joins nothing to a row of its own at the top of the next page (规章 under a header cut by the break)', () => {
    const text = ['              第二十条第（一）项', '   信息      本年制发件数       本年废止件数     现行有效件数', '   内容', '\f   规章            0          0          0'].join('\n');
    expect(rebuildRows(text, TABLE1).trimEnd().split('\n').slice(-2)).toEqual(['信息本年制发件数本年废止件数现行有效件数内容', '规章\t0\t0\t0']);
  });

  it('keeps apart a next page whose first row is a row of its own', () => {
    const text = ['             7.属于行政执法案卷          9          0        0        0        0    0    9', '\f             8.属于行政查询事项   1   0   0   0   0   0   1'].join('\n');
    expect(rows(text)).toEqual(['7.属于行政执法案卷\t9\t0\t0\t0\t0\t0\t9', '8.属于行政查询事项\t1\t0\t0\t0\t0\t0\t1']);
  });

  it('keeps a word far right on its line in its column (a page is wider than 64 characters)', () => {
    const line = `${' '.repeat(72)}组织   机构`;
    expect(normalizeText(`a\n${line}\nb`)).toBe(`a\n${line}\nb`);
  });

  it('keeps a line of cells that looks like a page number: a row of 0, "/" and 0 is no "3 / 8"', () => {
    // A 2019 table 1 as the pdf-layout generator prints it: the label wraps around its numbers.
    const text = [
      '行政许可           0            0            0',
      '',
      '其他对外管理服务',
      '               0            /            0',
      '事项',
    ].join('\n');
    expect(rebuildRows(normalizeText(text), TABLE1).trimEnd().split('\n')).toEqual(['行政许可\t0\t0\t0', '其他对外管理服务事项\t0\t/\t0']);
    // The same marks apart by column gaps or tabs are cells, never a footer.
    for (const cells of ['   —      5      —', '   -4          -', '\t0\t/\t0']) expect(normalizeText(`a  1\n${cells}\nb  2`)).toBe(`a  1\n${cells}\nb  2`);
  });

  it('drops a bare page number only where it stands by a page break', () => {
    expect(normalizeText('a  1\n      7\n\fb  2')).toBe('a  1\n\fb  2');
    expect(normalizeText('a  1\n\f      7\nb  2')).toBe('a  1\n\f\nb  2');
    expect(normalizeText('a  1\n      7\nb  2')).toBe('a  1\n      7\nb  2');
  });
});

describe('tab-separated rows of not-applicable marks', () => {
  it('keeps a row whose every cell is "不涉及" a row, not a header line', () => {
    const text = '信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t不涉及\t不涉及\t不涉及\n其他对外管理服务事项\t1\t0\t0\n';
    expect(rebuildRows(text, TABLE1).trimEnd().split('\n')).toContain('行政许可\t不涉及\t不涉及\t不涉及');
  });
});

describe('table 2 laid out by spaces, organisations\' columns all blank', () => {
  const header = [
    '                                           申请人情况',
    '',
    '      （本列数据的勾稽关系为：第一项加第二项之               法人或其他组织',
    '      和，等于第三项加第四项之和）        自然人                                 总计',
    '                                  商业企   科研机   社会公   法律服   其他',
    '                                  业     构     益组织   务机构',
    '',
  ];
  const first = '      一、本年新收政府信息公开申请数量       7                                   7';

  it('puts the two numbers under 自然人 and 总计, the corner note beside the header standing over no column', () => {
    expect(rows([...header, first].join('\n'))).toContain('一、本年新收政府信息公开申请数量\t7\t\t\t\t\t\t7');
  });

  it('keeps those columns on the next page, where its numbers stand in the same places', () => {
    const next = '                2.重复申请       0                                   0';
    const read = rows([...header, first, '\f', next].join('\n'));
    expect(read).toContain(`2.重复申请\t0${'\t'.repeat(6)}0`);
  });
});
