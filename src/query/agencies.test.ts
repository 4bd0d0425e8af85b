import { describe, expect, it } from 'vitest';
import { AgencyDirectory, agenciesOf, namesOf, spansOf, splitAgencyName, type NameEntry } from './agencies.js';

// Made-up agencies in real places: the gazetteer knows the places, not the agencies.
const metas = [
  { agency: '大庆市财政局', aliases: [], region: { province: '黑龙江省', city: '大庆市', county: null } },
  { agency: '大庆市教育局', aliases: [], region: { province: '黑龙江省', city: '大庆市', county: null } },
  { agency: '萨尔图区教育局', aliases: [], region: { province: '黑龙江省', city: '大庆市', county: '萨尔图区' } },
  { agency: '长春市教育局', aliases: ['长春教育'], region: { province: '吉林省', city: '长春市', county: null } },
  { agency: '朝阳区教育局', aliases: [], region: { province: '吉林省', city: '长春市', county: '朝阳区' } },
  { agency: '铁力市民政局', aliases: [], region: { province: null, city: null, county: null } },
];
const dir = new AgencyDirectory(metas);
const read = (q: string) => dir.read(q);

describe('splitAgencyName', () => {
  it('separates the places from the kind of body', () => {
    expect(splitAgencyName('哈尔滨市呼兰区教育局')).toEqual({ places: ['哈尔滨市', '呼兰区'], kind: '教育局' });
    expect(splitAgencyName('大庆市市场监督管理局')).toEqual({ places: ['大庆市'], kind: '市场监督管理局' });
  });
});

describe('AgencyDirectory.read', () => {
  it('finds an agency by its full name', () => {
    expect(read('大庆市财政局2020年采购金额')).toMatchObject([{ type: 'agency', agencies: ['大庆市财政局'] }]);
  });
  it('finds an agency by a short name', () => {
    expect(read('萨尔图2020年')).toMatchObject([{ type: 'agency', agencies: ['萨尔图区教育局'] }]);
    expect(read('萨尔图教育局')).toMatchObject([{ type: 'agency', agencies: ['萨尔图区教育局'] }]);
    expect(read('长春教育的申请')).toMatchObject([{ type: 'agency', agencies: ['长春市教育局'] }]);
  });
  it('reads a short name shared by several agencies as all of them', () => {
    const [m] = read('大庆2020年');
    expect(m.type).toBe('agency');
    expect(m.type === 'agency' && [...m.agencies].sort()).toEqual(['大庆市教育局', '大庆市财政局']);
    expect(m.type === 'agency' && [...(m.asRegion ?? [])].sort()).toEqual(['大庆市教育局', '大庆市财政局', '萨尔图区教育局']);
  });
  it('finds agencies by region', () => {
    const [m] = read('吉林省的教育局');
    expect(m).toMatchObject({ type: 'region', text: '吉林省' });
    expect(m.type === 'region' && m.agencies.sort()).toEqual(['朝阳区教育局', '长春市教育局']);
    expect(read('黑龙江哪个局')[0]).toMatchObject({ type: 'region' });
  });
  it('finds agencies by kind', () => {
    const ms = read('各教育局');
    expect(ms).toHaveLength(1);
    expect(ms[0].type === 'kind' && ms[0].agencies.length).toBe(4);
  });
  it('completes a region the parser left empty from the name', () => {
    const [m] = read('伊春市的单位');
    expect(m.type).toBe('region');
    expect(m.type === 'region' && m.agencies).toEqual(['铁力市民政局']);
  });
  it('names several agencies for a comparison', () => {
    expect(read('萨尔图和朝阳区').map((m) => m.type === 'agency' && m.agencies[0])).toEqual(['萨尔图区教育局', '朝阳区教育局']);
  });
  it('reports an agency or place the corpus lacks', () => {
    expect(read('北京市教育局2020年采购金额')).toMatchObject([{ type: 'unknown', text: '北京市教育局' }]);
    expect(read('大庆市公安局的申请')).toMatchObject([{ type: 'unknown', text: '大庆市公安局' }]);
    expect(read('广东2020年')).toMatchObject([{ type: 'unknown', text: '广东' }]);
  });
  it('does not read a place followed by a question word as an unknown agency', () => {
    expect(read('大庆哪个局')[0].type).toBe('agency');
  });
});

describe('AgencyDirectory at scale', () => {
  it('takes 200,000 agencies (every key counted without one call holding them all)', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => ({
      agency: `测试${i}号局`,
      aliases: [`测试${i}`],
      region: { province: null, city: null, county: null },
    }));
    const big = new AgencyDirectory(many);
    expect(big.read('测试199999号局的申请')).toMatchObject([{ type: 'agency', agencies: ['测试199999号局'] }]);
  });
});

describe('a directory of the entries a question’s spans find', () => {
  // Every entry of the whole directory, as the database keeps them: (text, kind) → agencies in order.
  const shared = [...metas, { agency: '朝阳区教育局', aliases: [], region: { province: '辽宁省', city: '朝阳市', county: '朝阳区' } }].map((m, i) => ({
    ...m,
    key: i === 4 || i === 6 ? `${m.region.province}${m.agency}` : m.agency,
  }));
  const whole = new AgencyDirectory(shared);
  const entries = new Map<string, NameEntry>();
  for (const a of agenciesOf(shared)) {
    for (const n of namesOf(a)) {
      const e = entries.get(`${n.kind}|${n.text}`) ?? { text: n.text, kind: n.kind, agencies: [] };
      if (e.agencies[e.agencies.length - 1] !== a.key) e.agencies.push(a.key);
      entries.set(`${n.kind}|${n.text}`, e);
    }
  }
  const longest = Math.max(...[...entries.values()].map((e) => e.text.length));

  it.each([
    '大庆市财政局2020年收到申请多少件',
    '大庆哪个局收到申请最多',
    '比较长春教育和大庆市教育局的收到申请数',
    '朝阳区教育局2021年行政许可',
    '吉林省朝阳区教育局存在哪些问题',
    '黑龙江省各教育局合计',
    '北京市教育局收到申请多少',
    '大庆市公安局2022年',
    '铁力市民政局',
    '',
  ])('reads %s as the whole directory does', (q) => {
    const found = [...entries.values()].filter((e) => spansOf(q, longest).includes(e.text));
    expect(AgencyDirectory.fromEntries(found).read(q)).toEqual(whole.read(q));
  });

  it('looks up no span longer than the longest name', () => {
    expect(spansOf('大庆市财政局', 3)).toEqual(['大庆', '大庆市', '庆市', '庆市财', '市财', '市财政', '财政', '财政局', '政局']);
    expect(spansOf('局', 10)).toEqual([]);
  });
});
