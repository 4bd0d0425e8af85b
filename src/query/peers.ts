import type { Report, ReportMeta } from '../ingest/report.js';
import { splitAgencyName } from './agencies.js';

/** 省级 (a province or a 直辖市), 市级, 县级 (a county, a district, a county-level city), 乡镇级 (a town, a street). */
export type Level = '省级' | '市级' | '县级' | '乡镇级' | '级别不详';

/** What kind of body an agency is, and at what level: 教育局 at 市级. */
export interface PeerKind {
  kind: string;
  level: Level;
}

/** A zone's own body (平潭综合实验区): its report is that of the zone's administration. */
const ZONE_BODY = /(?:综合实验区|实验区|试验区|开发区|高新区|新区|示范区|管理区|合作区)(?:管理委员会|管委会)?$/;
const STREET = /街道(?:办事处)?$/;
const TOWN = /[镇乡](?:人民政府)?$/;
/** Names of one kind of body at different levels: a province's 办公厅 is a city's 办公室. */
const SAME_KIND: Readonly<Record<string, string>> = {
  人民政府办公厅: '人民政府办公室（厅）',
  人民政府办公室: '人民政府办公室（厅）',
  政府办公室: '人民政府办公室（厅）',
};

/**
 * The kind and level of a report's agency, from its name and region: 牡丹江市教育局 → 教育局,
 * 市级; 呼兰区教育局 → 教育局, 县级; 平潭综合实验区 → 人民政府 (管委会), 县级; a street's office →
 * 街道办事处, 乡镇级.
 */
export function peerKindOf(meta: Pick<ReportMeta, 'agency' | 'region'>): PeerKind {
  const name = meta.agency.replace(/[（(][^（）()]*[）)]$/, '');
  const { kind } = splitAgencyName(name, meta.region);
  const rest = kind ?? (ZONE_BODY.test(name) ? '人民政府' : name);
  if (STREET.test(rest)) return { kind: '街道办事处', level: '乡镇级' };
  if (TOWN.test(rest)) return { kind: '乡镇人民政府', level: '乡镇级' };
  return { kind: SAME_KIND[rest] ?? rest, level: levelOf(meta.region) };
}

function levelOf(region: ReportMeta['region']): Level {
  if (region.county) return '县级';
  if (region.city && region.city !== region.province) return '市级';
  if (region.province) return '省级';
  return '级别不详';
}

/** 市级教育局 */
export function peerName(p: PeerKind): string {
  return p.level === '级别不详' || p.level === '乡镇级' ? p.kind : `${p.level}${p.kind}`;
}

/** The reports of a year whose agencies are of the same kind and level as `report`'s (itself included). */
export function peersOf(report: Report, sameYear: readonly Report[], opts: { anyLevel?: boolean } = {}): Report[] {
  const mine = peerKindOf(report.meta);
  return sameYear.filter((r) => {
    const p = peerKindOf(r.meta);
    return p.kind === mine.kind && (opts.anyLevel || p.level === mine.level);
  });
}
