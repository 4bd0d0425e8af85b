import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, REAL_CORPUS_DIR, hasRealCorpus } from '../../test/paths.js';
import { loadFile } from './formats/load.js';
import { readMeta, type ReportMetaBase } from './meta.js';

async function metaOf(file: string): Promise<ReportMetaBase> {
  const loaded = await loadFile(file);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return metaFrom(loaded.value.text, file, loaded.value.publishedAt ?? null);
}

function metaFrom(text: string, file = 'report.txt', markupDate: string | null = null): ReportMetaBase {
  const result = readMeta(text, file, markupDate);
  if (!result.ok) throw new Error(`${result.error.file}: ${result.error.message}`);
  return result.value;
}

function errorOf(text: string, file = 'report.txt'): string {
  const result = readMeta(text, file);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  expect(result.error.file).toBe(file);
  return result.error.message;
}

const region = (province: string | null, city: string | null, county: string | null) => ({ province, city, county });

/** What a reader of each file finds on its first and last lines (aliases are pinned below). */
type Pinned = Omit<ReportMetaBase, 'aliases'>;

const SEEDS: Record<string, Pinned> = {
  '000_49469f21e3e534d6.txt': {
    agency: '鹤岗市教育局',
    region: region('黑龙江省', '鹤岗市', null),
    year: 2022,
    publishedAt: null,
    title: '鹤岗市教育局2022年度政府信息公开工作报告',
  },
  '001_e71b04dab10cb976.txt': {
    agency: '焦作市教育局',
    region: region('河南省', '焦作市', null),
    year: 2023,
    publishedAt: null,
    title: '焦作市教育局2023年政府信息公开工作年度报告',
  },
  '002_de8f091d9f2bb639.txt': {
    agency: '同仁市教育局',
    region: region('青海省', '黄南藏族自治州', '同仁市'),
    year: 2021,
    publishedAt: '2022-01-19',
    title: '同仁市教育局2021年政府信息公开工作年度报告',
  },
  '003_e1f77db6df68bd40.txt': {
    agency: '呼兰区教育局',
    region: region('黑龙江省', '哈尔滨市', '呼兰区'),
    year: 2020,
    publishedAt: null,
    title: '呼兰区教育局2020年政府信息公开工作年度报告',
  },
  '004_1f4ee6e2bcc4addb.txt': {
    agency: '牡丹江市教育局',
    region: region('黑龙江省', '牡丹江市', null),
    year: 2020,
    publishedAt: '2021-01-25',
    title: '牡丹江市教育局2020年政府信息公开工作年度报告',
  },
};

const PINGTAN = region('福建省', '福州市', '平潭县');
const SHANGHAI = region('上海市', '上海市', null);
const SHUYANG = region('江苏省', '宿迁市', '沭阳县');

const REAL: Record<string, Pinned> = {
  'pingtan-2019.txt': {
    agency: '平潭综合实验区',
    region: PINGTAN,
    year: 2019,
    publishedAt: '2020-01-20', // crawler header 发布时间; the report prints no date
    title: '平潭综合实验区2019年度政府信息公开工作年度报告',
  },
  'pingtan-2021.txt': {
    agency: '平潭综合实验区',
    region: PINGTAN,
    year: 2021,
    publishedAt: '2022-02-08',
    title: '平潭综合实验区2021年度政府信息公开工作年度报告',
  },
  'pingtan-2022.txt': {
    agency: '平潭综合实验区',
    region: PINGTAN,
    year: 2022,
    publishedAt: '2023-02-20',
    title: '平潭综合实验区2022年度政府信息公开工作年度报告',
  },
  'pingtan-2023.txt': {
    agency: '平潭综合实验区',
    region: PINGTAN,
    year: 2023,
    publishedAt: '2024-03-08',
    title: '平潭综合实验区2023年度政府信息公开工作年度报告',
  },
  'pingtan-gzj-2019.txt': {
    agency: '平潭综合实验区国有资产管理局',
    region: PINGTAN,
    year: 2019,
    publishedAt: '2020-01-07', // the sign-off's date; the site published it on 2020-01-10
    title: '平潭综合实验区国有资产管理局2019年政府信息公开工作年度报告',
  },
  'shanghai-bgt-2025.md': {
    agency: '上海市人民政府办公厅',
    region: SHANGHAI,
    year: 2025,
    publishedAt: null,
    title: '2025年上海市人民政府办公厅政府信息公开工作年度报告',
  },
  'shanghai-kewei-2024.md': {
    agency: '上海市科学技术委员会', // printed 上海市科委
    region: SHANGHAI,
    year: 2024,
    publishedAt: null,
    title: '2024年上海市科委政府信息公开工作年度报告',
  },
  'shuyang-fgj-2023.html': {
    agency: '沭阳县发展和改革局',
    region: SHUYANG,
    year: 2023,
    publishedAt: '2024-01-17',
    title: '沭阳县发展和改革局2023年政府信息公开年度报告',
  },
  'shuyang-xzf-2025.txt': {
    agency: '沭阳县人民政府', // OCR printed 沐阳县; the title is kept as printed
    region: SHUYANG,
    year: 2025,
    publishedAt: '2026-01-23',
    title: '沐阳县人民政府2025年政府信息公开工作年度报告',
  },
};

describe('seed reports', () => {
  for (const [file, expected] of Object.entries(SEEDS)) {
    it(`${file}: ${expected.agency} ${expected.year}`, async () => {
      const { aliases, ...meta } = await metaOf(path.join(CORPUS_DIR, file));
      expect(meta).toEqual(expected);
      expect(aliases).toContain(expected.agency);
    });
  }

  it('鹤岗市教育局 goes by its place and department short names', async () => {
    const meta = await metaOf(path.join(CORPUS_DIR, '000_49469f21e3e534d6.txt'));
    expect(new Set(meta.aliases)).toEqual(new Set(['鹤岗', '鹤岗市', '鹤岗教育局', '鹤岗市教育局', '鹤岗教育']));
  });

  it('呼兰区教育局 goes by 呼兰, 呼兰区, 呼兰教育局', async () => {
    const meta = await metaOf(path.join(CORPUS_DIR, '003_e1f77db6df68bd40.txt'));
    expect(new Set(meta.aliases)).toEqual(new Set(['呼兰', '呼兰区', '呼兰教育局', '呼兰区教育局', '呼兰教育']));
  });
});

describe.skipIf(!hasRealCorpus)('real reports (corpus-real)', () => {
  for (const [file, expected] of Object.entries(REAL)) {
    it(`${file}: ${expected.agency} ${expected.year}`, async () => {
      const { aliases, ...meta } = await metaOf(path.join(REAL_CORPUS_DIR, file));
      expect(meta).toEqual(expected);
      expect(aliases).toContain(expected.agency);
    });
  }

  it('平潭综合实验区国有资产管理局 goes by 平潭国资局 and 平潭国有资产管理局', async () => {
    const meta = await metaOf(path.join(REAL_CORPUS_DIR, 'pingtan-gzj-2019.txt'));
    expect(meta.aliases).toEqual(
      expect.arrayContaining(['平潭', '平潭综合实验区', '平潭国资局', '平潭国有资产管理局', '平潭综合实验区国资局']),
    );
  });

  it('上海市科委 is named in full and goes by its abbreviation too', async () => {
    const meta = await metaOf(path.join(REAL_CORPUS_DIR, 'shanghai-kewei-2024.md'));
    expect(meta.aliases).toEqual(expect.arrayContaining(['上海', '上海市', '上海科委', '上海市科委', '上海市科学技术委员会']));
  });

  it('沭阳县发展和改革局 goes by 沭阳发改局', async () => {
    const meta = await metaOf(path.join(REAL_CORPUS_DIR, 'shuyang-fgj-2023.html'));
    expect(meta.aliases).toEqual(expect.arrayContaining(['沭阳', '沭阳县', '沭阳发改局', '沭阳县发改局']));
  });
});

const BODY =
  '\n一、总体情况\n本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》。' +
  '本年报中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n六、其他需要报告的事项\n无。\n';

describe('texts that are not annual reports', () => {
  it('random text is an error naming the file', () => {
    expect(errorOf('今天天气很好，2020年我们去公园散步。\n', 'notes.txt')).toMatch(/不是政府信息公开年度报告/);
  });

  it('a text about disclosure without any year is an error', () => {
    expect(errorOf('关于做好政府信息公开工作的通知\n各单位要做好政府信息公开工作。\n')).toMatch(/年份/);
  });

  it('a report whose agency is nowhere (title, sign-off, file name) is an error, not a guess', () => {
    expect(errorOf('2020年政府信息公开工作年度报告\n' + BODY, 'a1b2c3.txt')).toMatch(/找不到单位名称/);
  });

  it('empty text is an error', () => {
    expect(errorOf('')).toMatch(/不是政府信息公开年度报告/);
  });
});

describe('titles in many shapes', () => {
  it('spaced-out characters', () => {
    const meta = metaFrom('鹤 岗 市 教 育 局\n\n2 0 2 2 年 度 政 府 信 息 公 开 工 作 报 告\n' + BODY);
    expect(meta).toMatchObject({ agency: '鹤岗市教育局', year: 2022, title: '鹤岗市教育局2022年度政府信息公开工作报告' });
  });

  it('traditional characters, read as simplified', () => {
    const meta = metaFrom('鶴崗市教育局\n2022年度政府資訊公開工作報告\n一、總體情況\n本局認真貫徹《政府資訊公開條例》。\n');
    expect(meta).toMatchObject({ agency: '鹤岗市教育局', year: 2022, region: region('黑龙江省', '鹤岗市', null) });
  });

  it('a markdown heading with the year in Chinese numerals and a date under it', () => {
    const meta = metaFrom('## 牡丹江市教育局二〇二〇年政府信息公开工作年度报告\n\n二〇二一年一月二十五日\n' + BODY);
    expect(meta).toMatchObject({ agency: '牡丹江市教育局', year: 2020, publishedAt: '2021-01-25' });
  });

  it('the year first, the agency after it, over two lines', () => {
    const meta = metaFrom('正文\n2024 年上海市科委政府信息公开工作\n年度报告\n' + BODY);
    expect(meta).toMatchObject({ agency: '上海市科学技术委员会', year: 2024, title: '2024年上海市科委政府信息公开工作年度报告' });
  });

  it('a crawler header with title and publication time', () => {
    const meta = metaFrom('标题: 焦作市教育局2019年度政府信息公开工作年度报告\n发布时间: 2020-01-20 15:22\n' + BODY);
    expect(meta).toMatchObject({ agency: '焦作市教育局', year: 2019, publishedAt: '2020-01-20' });
  });
});

describe('year covered and publication date', () => {
  it('the year comes from the title, not from the publication date', () => {
    const meta = metaFrom('同仁市教育局\n2021 年政府信息公开工作年度报告\n' + BODY + '\n同仁市教育局\n2022年1月19日\n');
    expect(meta).toMatchObject({ year: 2021, publishedAt: '2022-01-19' });
  });

  it('a title without a year takes it from the statistics period', () => {
    const meta = metaFrom('焦作市教育局政府信息公开工作年度报告\n本报告统计期限自2019年1月1日起至2019年12月31日止。\n' + BODY);
    expect(meta.year).toBe(2019);
    expect(meta.agency).toBe('焦作市教育局');
  });

  it('a date in the body (统计期限) is not a publication date', () => {
    expect(metaFrom('焦作市教育局2020年政府信息公开工作年度报告\n' + BODY).publishedAt).toBeNull();
  });

  it('the sign-off names the agency when the title does not', () => {
    const meta = metaFrom('2020年政府信息公开工作年度报告\n' + BODY + '\n焦作市教育局\n2021 年 1 月 15 日\n');
    expect(meta).toMatchObject({ agency: '焦作市教育局', year: 2020, publishedAt: '2021-01-15' });
  });

  it('the file name names the agency when the text does not', () => {
    const meta = metaFrom('一、总体情况\n做好政府信息公开工作。统计期限自2023年1月1日起', '/x/沭阳县发展和改革局2023年政府信息公开年度报告.txt');
    expect(meta).toMatchObject({ agency: '沭阳县发展和改革局', year: 2023, region: SHUYANG });
  });
});

describe('publication date in a web page', () => {
  const TITLE_HTML = '<h1>沭阳县人民政府2024年政府信息公开工作年度报告</h1>';
  const BODY_HTML =
    '<p>一、总体情况</p><p>2024年3月1日，我县召开政府信息公开工作会议。本年报中所列数据的统计期限自2024年1月1日起至2024年12月31日止。</p>' +
    '<p>六、其他需要报告的事项</p><p>无。</p>';
  const pageFile = (name: string, html: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'page-')), name);
    writeFileSync(file, `<html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
    return file;
  };

  it('is read from a <span class="article_time"> run together with the other info of the page', async () => {
    const info = '<div class="info"><span>来源：沭阳县人民政府办公室</span><span class="article_time">时间：2025-03-10 15:35</span><span>浏览次数：</span></div>';
    expect((await metaOf(pageFile('article-time.html', TITLE_HTML + info + BODY_HTML))).publishedAt).toBe('2025-03-10');
  });

  it('is read from a <meta name="PubDate"> in the head', async () => {
    const file = pageFile('pubdate.html', '');
    writeFileSync(file, `<html><head><meta name="PubDate" content="2025-01-21 09:30"></head><body>${TITLE_HTML}${BODY_HTML}</body></html>`);
    expect((await metaOf(file)).publishedAt).toBe('2025-01-21');
  });

  it('is never a date of the report body, in the markup or in the text', async () => {
    const dated = BODY_HTML.replace('<p>六、', `<p class="date">2024年3月1日</p>${'<p>持续推进政务公开。</p>'.repeat(10)}<p>六、`);
    expect((await metaOf(pageFile('body-date.html', TITLE_HTML + dated))).publishedAt).toBeNull();
    expect((await metaOf(pageFile('no-date.html', TITLE_HTML + BODY_HTML))).publishedAt).toBeNull();
  });

  it('is read from a page info line of crawled text, labelled 时间 or 发布日期 mid-line', () => {
    const title = '沭阳县人民政府2024年政府信息公开工作年度报告\n';
    expect(metaFrom(`${title}来源：县政府办 时间：2025-03-10 15:35 浏览次数：12${BODY}`).publishedAt).toBe('2025-03-10');
    expect(metaFrom(`${title}信息来源：县政府办 | 发布日期：2025年3月11日${BODY}`).publishedAt).toBe('2025-03-11');
  });

  it('is not taken from a sentence labelling another time, nor from a line of the report itself', () => {
    const title = '沭阳县人民政府2024年政府信息公开工作年度报告\n';
    expect(metaFrom(`${title}会议时间：2024年3月1日${BODY}`).publishedAt).toBeNull();
    const inBody = BODY.replace('一、总体情况\n', '一、总体情况\n时间：2024-03-01\n');
    expect(metaFrom(`${title}${inBody}`).publishedAt).toBeNull();
  });
});

describe('regions', () => {
  it('a place the division data lacks still yields the agency, with null region parts', () => {
    const meta = metaFrom('青龙湾新区管委会2020年政府信息公开工作年度报告\n' + BODY);
    expect(meta.agency).toBe('青龙湾新区管委会');
    expect(meta.region).toEqual(region(null, null, null));
    expect(meta.aliases).toContain('青龙湾新区管委会');
  });

  it('an ambiguous district without any hint leaves the region null rather than guess', () => {
    const meta = metaFrom('朝阳区教育局2020年政府信息公开工作年度报告\n' + BODY);
    expect(meta.region).toEqual(region(null, null, null));
    expect(meta.aliases).not.toContain('朝阳'); // also 辽宁省朝阳市
  });

  it('an ambiguous district is settled by the province the text names', () => {
    const meta = metaFrom('朝阳区教育局2020年政府信息公开工作年度报告\n根据《北京市政府信息公开规定》' + BODY);
    expect(meta.region).toEqual(region('北京市', '北京市', '朝阳区'));
  });

  it('a name printed with another level suffix still matches (同仁县 is now 同仁市)', () => {
    const meta = metaFrom('同仁县教育局2019年政府信息公开工作年度报告\n' + BODY);
    expect(meta.region).toEqual(region('青海省', '黄南藏族自治州', '同仁市'));
  });

  it('a district of a municipality has the municipality as province and city', () => {
    const meta = metaFrom('上海市浦东新区教育局2020年政府信息公开工作年度报告\n' + BODY);
    expect(meta.region).toEqual(region('上海市', '上海市', '浦东新区'));
    expect(meta.aliases).toEqual(expect.arrayContaining(['浦东', '浦东新区', '浦东教育局']));
  });

  it('a county under its province directly has no city', () => {
    expect(metaFrom('济源市人民政府2020年政府信息公开工作年度报告\n' + BODY).region).toEqual(region('河南省', null, '济源市'));
  });

  it('a county does not take the short name of a province (河南县 is not 河南)', () => {
    const meta = metaFrom('河南县人民政府2020年政府信息公开工作年度报告\n' + BODY);
    expect(meta.region).toEqual(region('青海省', '黄南藏族自治州', '河南蒙古族自治县'));
    expect(meta.aliases).not.toContain('河南');
  });

  it('the full chain of places is read and checked', () => {
    const meta = metaFrom('黑龙江省哈尔滨市呼兰区教育局2020年政府信息公开工作年度报告\n' + BODY);
    expect(meta.region).toEqual(region('黑龙江省', '哈尔滨市', '呼兰区'));
    expect(meta.aliases).toEqual(expect.arrayContaining(['呼兰', '呼兰教育局']));
  });

  it('a zone inside a city is not a district of the same short name elsewhere', () => {
    const meta = metaFrom('南京市江北新区管理委员会2020年政府信息公开工作年度报告\n' + BODY);
    expect(meta.region).toEqual(region('江苏省', '南京市', null));
    expect(meta.aliases).toContain('江北新区');
    expect(meta.aliases).not.toContain('江北'); // 江北区 is in 宁波 and 重庆
  });

  it('a place after an organisation prefix still gives the region', () => {
    const meta = metaFrom('国家税务总局沭阳县税务局2020年政府信息公开工作年度报告\n' + BODY);
    expect(meta.agency).toBe('国家税务总局沭阳县税务局');
    expect(meta.region).toEqual(SHUYANG);
    expect(meta.aliases).toContain('沭阳县税务局');
  });

  it('a misprinted place (OCR 沐阳 for 沭阳) is read as the known place', () => {
    const meta = metaFrom('沐阳县人民政府2025年政府信息公开工作年度报告\n' + BODY);
    expect(meta.agency).toBe('沭阳县人民政府');
    expect(meta.region).toEqual(SHUYANG);
  });

  it('a returned region can be changed without touching the next one', () => {
    const text = '鹤岗市教育局2022年政府信息公开工作年度报告\n' + BODY;
    metaFrom(text).region.city = 'changed';
    expect(metaFrom(text).region.city).toBe('鹤岗市');
  });
});
