import type { Region, ReportMeta } from '../ingest/report.js';
import { placeAt, placeNameForms, placesNamed, shortPlaceName } from './places.js';

/** One agency of the corpus, whatever the number of its reports. */
export interface Agency {
  /** How the fact store knows it (`agencyKey`): the name, with its place when the name is shared. */
  key: string;
  name: string;
  region: Region;
  /** What kind of body it is, the name without its place: 牡丹江市教育局 → 教育局. */
  kind: string | null;
  aliases: string[];
}

/** What the directory needs of a report's meta; `key` defaults to the agency's name. */
export type AgencyMeta = Pick<ReportMeta, 'agency' | 'aliases' | 'region'> & { key?: string };

/**
 * A span of the question that names agencies. `agency`: by name or alias; `region`: by place
 * (黑龙江省, 哈尔滨); `kind`: by kind (教育局); `unknown`: a place or agency the corpus lacks.
 * A short name like 牡丹江 can be both an alias and a place: `asRegion` then holds the agencies
 * of the place, for questions over several agencies (牡丹江哪个局 …).
 */
export type AgencyMention =
  | { type: 'agency'; text: string; start: number; end: number; agencies: string[]; asRegion: string[] | null }
  | { type: 'region'; text: string; start: number; end: number; agencies: string[] }
  | { type: 'kind'; text: string; start: number; end: number; agencies: string[] }
  | { type: 'unknown'; text: string; start: number; end: number };

/** The texts a question may name agencies by, each with its agencies (keys, in the order added). */
type Names = Map<string, string[]>;

const PLACE_SEGMENT = /^[\u4e00-\u9fa5]{1,8}?(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|旗|盟)/;
const AGENCY_TAIL = /^[\u4e00-\u9fa5]{0,10}?(?:委员会|办公室|局|委|厅|中心)/;
/** A tail that asks about agencies rather than naming one: 哈尔滨的教育局, 黑龙江哪个局. */
const GENERIC_TAIL = /^[的和与及、各有是在]|哪|几|个|所有|全部/;

/** Adds an agency to a text's list, once. */
function add(names: Names, text: string, agency: string): void {
  const list = names.get(text);
  if (!list) names.set(text, [agency]);
  else if (list[list.length - 1] !== agency) list.push(agency);
}

/** Splits an agency name into its leading places and the rest: 哈尔滨市呼兰区教育局 → [哈尔滨市, 呼兰区], 教育局. */
export function splitAgencyName(name: string, region?: Region): { places: string[]; kind: string | null } {
  const known = new Set([region?.province, region?.city, region?.county].filter((x): x is string => !!x));
  const places: string[] = [];
  let rest = name;
  for (;;) {
    let seg: string | null = null;
    for (const k of known) if (rest.startsWith(k) && (!seg || k.length > seg.length)) seg = k;
    if (!seg) {
      const m = placeAt(rest, 0);
      if (m && placesNamed(m.name).length && rest.length > m.name.length) seg = m.name;
    }
    if (!seg && places.length === 0) {
      const m = PLACE_SEGMENT.exec(rest);
      if (m && rest.length > m[0].length) seg = m[0];
    }
    if (!seg) break;
    places.push(seg);
    rest = rest.slice(seg.length);
  }
  return { places, kind: places.length && rest.length >= 2 ? rest : null };
}

/** Completes a region the parser left partly empty, from the places in the name. */
function completeRegion(region: Region, places: string[]): Region {
  const out: Region = { ...region };
  for (const p of places) {
    const found = placesNamed(p);
    if (found.length !== 1) continue;
    const place = found[0];
    out.province ??= place.province;
    if (place.level === 'city') out.city ??= place.name;
    if (place.level === 'county') {
      out.county ??= place.name;
      if (place.city) out.city ??= place.city;
    }
  }
  return out;
}

/** An agency as the directory knows it: its places and kind, and every name a question may use. */
function agencyOf(meta: AgencyMeta, key: string): Agency {
  const { places, kind } = splitAgencyName(meta.agency, meta.region);
  const region = completeRegion(meta.region, places);
  const aliases = new Set([meta.agency, key, ...meta.aliases]);
  if (places.length) {
    const last = places[places.length - 1];
    for (const p of [last, shortPlaceName(last)]) {
      if (!p) continue;
      aliases.add(p);
      if (kind) aliases.add(p + kind);
    }
    if (kind && places.length > 1) aliases.add(places.join('') + kind);
  }
  if (key !== meta.agency) {
    // A shared name is told apart by its place in front: 福州鼓楼区教育局, 福建省鼓楼区教育局.
    for (const place of [region.city, region.province]) {
      if (!place || place === region.county) continue;
      for (const form of [place, ...placeNameForms(place)]) aliases.add(form + meta.agency);
    }
  }
  return { key, name: meta.agency, region, kind, aliases: [...aliases].filter((a) => a.length >= 2) };
}

/** How a text names agencies: by one's name or alias, by their place, by their kind. */
export type NameKind = 'alias' | 'region' | 'kind';

/** A text the directory knows, with the agencies it names (keys, in the directory's order). */
export interface NameEntry {
  text: string;
  kind: NameKind;
  agencies: string[];
}

/** One agency for each key, in the order keys first come: the first meta's name and place, every meta's aliases. */
export function agenciesOf(metas: Iterable<AgencyMeta>): Agency[] {
  const byKey = new Map<string, Agency>();
  for (const meta of metas) {
    const key = meta.key ?? meta.agency;
    const known = byKey.get(key);
    if (known) {
      for (const a of meta.aliases) if (!known.aliases.includes(a)) known.aliases.push(a);
      continue;
    }
    byKey.set(key, agencyOf(meta, key));
  }
  return [...byKey.values()];
}

/** The texts that name an agency, and how: its aliases, its places (each in its forms), its kind. */
export function namesOf(a: Agency): Array<{ text: string; kind: NameKind }> {
  const names: Array<{ text: string; kind: NameKind }> = a.aliases.map((text) => ({ text, kind: 'alias' }));
  for (const place of [a.region.province, a.region.city, a.region.county]) {
    if (!place) continue;
    names.push({ text: place, kind: 'region' });
    for (const form of placeNameForms(place)) names.push({ text: form, kind: 'region' });
  }
  if (a.kind) names.push({ text: a.kind, kind: 'kind' });
  return names;
}

/**
 * The texts of a question the directory could know: every span of 2 to `longest` characters
 * (`longest`: the longest text it knows). A directory of only the entries for these reads the
 * question as the whole directory does: `read` looks up nothing but spans of the question.
 */
export function spansOf(text: string, longest: number): string[] {
  const spans = new Set<string>();
  for (let i = 0; i < text.length; i++) for (let len = 2; len <= longest && i + len <= text.length; len++) spans.add(text.slice(i, i + len));
  return [...spans];
}

/**
 * Resolves agency names in questions with a map prebuilt from every report's meta: aliases,
 * regions and kinds. One pass over the question, longest match first; no scan of the reports.
 * Made from the reports' metas (every agency), or from the entries a question's spans find in a
 * directory kept elsewhere (`fromEntries`: the database's `agency_names`).
 */
export class AgencyDirectory {
  /** The agencies it was made from; none when made from entries. */
  readonly agencies: Agency[];
  // By what a text names: an alias, a place, a kind. Arrays, not sets: one agency's entries are
  // added one after the other, so a repeat is the last.
  private readonly byName: Record<NameKind, Names> = { alias: new Map(), region: new Map(), kind: new Map() };
  private readonly maxKey: number;

  constructor(metas: Iterable<AgencyMeta>, entries: Iterable<NameEntry> = []) {
    this.agencies = agenciesOf(metas);
    // Built for every report at each start (10,000 agencies, 40,000 keys): plain loops and arrays.
    for (const a of this.agencies) for (const n of namesOf(a)) add(this.byName[n.kind], n.text, a.key);
    for (const e of entries) for (const key of e.agencies) add(this.byName[e.kind], e.text, key);
    // A loop, not Math.max(...keys): spreading 100,000 agencies' keys overflows the call stack.
    let longest = 2;
    for (const names of Object.values(this.byName)) for (const k of names.keys()) if (k.length > longest) longest = k.length;
    this.maxKey = longest;
  }

  /** A directory of these entries alone (see `spansOf`). */
  static fromEntries(entries: Iterable<NameEntry>): AgencyDirectory {
    return new AgencyDirectory([], entries);
  }

  /** Finds the agencies, places and kinds a question names, left to right. */
  read(text: string): AgencyMention[] {
    const mentions: AgencyMention[] = [];
    for (let i = 0; i < text.length; ) {
      const known = this.knownAt(text, i);
      if (known) {
        const isPlace = known.type === 'region' || (known.type === 'agency' && known.asRegion !== null);
        const other = isPlace ? this.otherAgency(text, known) : null;
        mentions.push(other ?? known);
        i = (other ?? known).end;
        continue;
      }
      const unknown = unknownAt(text, i);
      if (unknown) {
        mentions.push(unknown);
        i = unknown.end;
        continue;
      }
      i++;
    }
    return mentions;
  }

  /** 牡丹江市 + 财政局 when the corpus only has 牡丹江市教育局: an agency the corpus lacks. */
  private otherAgency(text: string, known: AgencyMention): AgencyMention | null {
    const rest = text.slice(known.end);
    const tail = agencyTail(rest);
    if (!tail || this.byName.kind.has(tail)) return null;
    // 七台河 + 勃利县教育局: a place qualifying a known agency, not an agency of its own.
    const next = this.knownAt(rest, 0);
    if (next && next.type !== 'kind') return null;
    if (this.byName.alias.has(known.text + tail)) return null;
    return { type: 'unknown', text: known.text + tail, start: known.start, end: known.end + tail.length };
  }

  private knownAt(text: string, i: number): AgencyMention | null {
    for (let len = Math.min(this.maxKey, text.length - i); len >= 2; len--) {
      const s = text.slice(i, i + len);
      const alias = this.byName.alias.get(s);
      const region = this.byName.region.get(s);
      const kind = alias || region ? undefined : this.byName.kind.get(s);
      if (!alias && !region && !kind) continue;
      const span = { text: s, start: i, end: i + len };
      if (alias) return { type: 'agency', ...span, agencies: [...alias], asRegion: region ? [...region] : null };
      if (region) return { type: 'region', ...span, agencies: [...region] };
      if (kind) return { type: 'kind', ...span, agencies: [...kind] };
    }
    return null;
  }
}

/** A place the corpus does not cover, with the agency name that follows it if any. */
function unknownAt(text: string, i: number): AgencyMention | null {
  const place = placeAt(text, i);
  if (!place) return null;
  let end = i + place.name.length;
  // 北京市 + 教育局; a place followed by more places (北京市海淀区) stays one mention.
  for (let next = placeAt(text, end); next && placesNamed(next.name).length; next = placeAt(text, end)) end += next.name.length;
  end += agencyTail(text.slice(end))?.length ?? 0;
  return { type: 'unknown', text: text.slice(i, end), start: i, end };
}

function agencyTail(rest: string): string | null {
  const m = AGENCY_TAIL.exec(rest);
  if (!m || m[0].length < 2 || GENERIC_TAIL.test(m[0])) return null;
  return m[0];
}
