import type { TemplateVersion } from '../../../src/facts/metrics.js';
import type { Agency } from './agencies.js';
import type { Fault, GoldFacts, NarrativeFigure } from './gold.js';
import * as P from './phrases.js';
import type { PhraseContext } from './phrases.js';
import type { Rng } from './random.js';

/**
 * The text around the tables: title, preamble, sections 一, 五, 六, closing. Section 一 restates a
 * few table cells ("政府集中采购项目7项，采购总金额2896万元", "全年未收到政府信息公开申请"); each
 * restatement is recorded as a `NarrativeFigure`. A narrative fault makes one figure disagree
 * with its cell, or claims no requests where there were some.
 */
export interface Block {
  kind: 'subheading' | 'paragraph';
  text: string;
}

export interface Narrative {
  titleLines: string[];
  /** A date line printed under the title (seed 004), or null. */
  dateUnderTitle: string | null;
  preamble: string[];
  headings: Record<1 | 2 | 3 | 4 | 5 | 6, string>;
  overview: Block[];
  problems: Block[];
  other: string[];
  closing: string[];
  figures: NarrativeFigure[];
  fault: Fault | null;
  /** Quirks of this text, for the gold's `variant`. */
  quirks: string[];
}

export type NarrativeFaultRule = 'narrative_vs_table' | 'no_requests_claim';

const CN = ['一', '二', '三', '四', '五', '六', '七', '八'];
const MARK = '\u0001';

/** Figures are written as placeholders first, so that a fault can pick any of them afterwards. */
class Figures {
  readonly list: { metric: string; value: number; claim?: 'none'; clause: string }[] = [];

  /** A clause with '#' where the figure goes, e.g. "全年制发行政规范性文件#件". */
  slot(metric: string, value: number, clause: string): string {
    const i = this.list.length;
    this.list.push({ metric, value, clause });
    return clause.replace('#', `${MARK}${i}${MARK}`);
  }

  /** A clause saying there were none ("全年未收到政府信息公开申请"). */
  none(metric: string, clause: string): string {
    this.list.push({ metric, value: 0, claim: 'none', clause });
    return clause;
  }
}

function num(facts: GoldFacts, id: string): number | null {
  const v = facts[id];
  return typeof v === 'number' ? v : null;
}

/** Restatements of table-1 cells in section 一, by template: a few of those that apply. */
function tableOneClauses(figs: Figures, facts: GoldFacts, template: TemplateVersion, rng: Rng): string[] {
  const options: (() => string)[] = [];
  const say = (metric: string, clauses: string[], when: (v: number) => boolean = () => true) => {
    const v = num(facts, metric);
    if (v !== null && when(v)) options.push(() => figs.slot(metric, v, rng.pick(clauses)));
  };
  if (template === '2021') {
    say('normative_docs.issued', ['全年制发行政规范性文件#件', '本年度印发行政规范性文件#件']);
    say('normative_docs.repealed', ['废止行政规范性文件#件'], (v) => v > 0);
    say('normative_docs.in_force', ['现行有效行政规范性文件#件', '现行有效的规范性文件共#件']);
    say('rules.issued', ['制发规章#件'], (v) => v > 0);
    say('fees.amount', ['全年行政事业性收费金额#万元', '收取行政事业性收费#万元'], (v) => v > 0);
  } else {
    say('normative_docs.published', ['主动公开规范性文件#件', '本年新公开规范性文件#件']);
    say('normative_docs.in_force', ['累计对外公开规范性文件#件', '规范性文件对外公开总数#件']);
    say('rules.issued', ['新制作规章#件'], (v) => v > 0);
    const projects = num(facts, 'procurement.projects');
    const amount = num(facts, 'procurement.amount');
    if (projects !== null && amount !== null && projects > 0) {
      options.push(() => `${figs.slot('procurement.projects', projects, '政府集中采购项目#项')}，${figs.slot('procurement.amount', amount, '采购总金额#万元')}`);
    }
  }
  say('licensing.decisions', ['全年办理行政许可事项#件', '作出行政许可决定#件', '行政许可处理决定#件']);
  say('punishment.decisions', ['作出行政处罚决定#件', '办理行政处罚案件#件'], (v) => v > 0);
  say('coercion.decisions', ['实施行政强制#件'], (v) => v > 0);
  return rng.sample(options, rng.int(0, Math.min(3, options.length))).map((make) => make());
}

/** The requests paragraph of section 一: a count of requests, or the claim that none came. */
function requestsClauses(figs: Figures, facts: GoldFacts, c: PhraseContext, claimNone: boolean): string[] {
  const { rng } = c;
  const out: string[] = [];
  const fresh = num(facts, 'requests.new.total');
  if (fresh === null) return out;
  if (claimNone || (fresh === 0 && rng.chance(0.7))) {
    out.push(figs.none('requests.new.total', rng.pick(['全年未收到政府信息公开申请', '本年度未收到政府信息公开申请', `${c.y}年${c.agency.self}未收到政府信息公开申请`])));
    const carried = num(facts, 'requests.carried_over.total');
    if (carried === 0 && rng.chance(0.5)) out.push(figs.none('requests.carried_over.total', '也无上年结转的政府信息公开申请'));
    return out;
  }
  out.push(figs.slot('requests.new.total', fresh, rng.pick(['全年共收到政府信息公开申请#件', '本年度新收政府信息公开申请#件', '共受理政府信息公开申请#件'])));
  const more: [string, string][] = [
    ['requests.carried_over.total', '上年结转#件'],
    ['requests.total_processed.total', '办结#件'],
    ['requests.granted.total', '其中予以公开#件'],
    ['requests.carried_forward.total', '结转下年度继续办理#件'],
  ];
  for (const [metric, clause] of more) {
    const v = num(facts, metric);
    if (v !== null && rng.chance(0.45)) out.push(figs.slot(metric, v, clause));
  }
  return out;
}

function casesClause(figs: Figures, facts: GoldFacts, rng: Rng): string | null {
  const review = num(facts, 'review.total');
  const suit = num(facts, 'litigation_direct.total');
  if (review === null || suit === null || rng.chance(0.5)) return null;
  if (review === 0 && suit === 0) {
    const clause = '全年未发生因政府信息公开引起的行政复议和行政诉讼';
    figs.none('litigation_direct.total', clause);
    return figs.none('review.total', clause);
  }
  return `${figs.slot('review.total', review, '因政府信息公开被申请行政复议#件')}、${figs.slot('litigation_direct.total', suit, '被直接提起行政诉讼#件')}`;
}

function overview(figs: Figures, facts: GoldFacts, template: TemplateVersion, c: PhraseContext, claimNone: boolean, forceFigure: boolean): Block[] {
  const { rng } = c;
  const join = (parts: string[]) => (parts.length === 0 ? '' : `${parts.join('，')}。`);
  const active = [...rng.sample(P.ACTIVE_SENTENCES, rng.int(1, 2)).map((p) => p(c)), ...rng.sample(P.ACTIVE_FILLERS, rng.int(1, 3)).map((p) => p(c)), ...tableOneClauses(figs, facts, template, rng)];
  const requests = [rng.pick(P.REQUEST_SENTENCES)(c), ...requestsClauses(figs, facts, c, claimNone)];
  if (forceFigure && figs.list.every((f) => f.claim === 'none')) {
    const v = num(facts, 'requests.new.total');
    if (v !== null) requests.push(figs.slot('requests.new.total', v, '全年共收到政府信息公开申请#件'));
  }
  const cases = casesClause(figs, facts, rng);
  const oversight = rng.sample(P.OVERSIGHT_SENTENCES, rng.int(1, 2)).map((p) => p(c));
  if (cases) oversight.push(cases);
  const parts: [string[], string[]][] = [
    [P.ACTIVE_HEADINGS, active],
    [P.REQUEST_HEADINGS, requests],
    [P.MANAGEMENT_HEADINGS, rng.sample(P.MANAGEMENT_SENTENCES, rng.int(1, 3)).map((p) => p(c))],
    [P.PLATFORM_HEADINGS, rng.sample(P.PLATFORM_SENTENCES, rng.int(1, 2)).map((p) => p(c))],
    [P.OVERSIGHT_HEADINGS, oversight],
  ];
  const blocks: Block[] = [{ kind: 'paragraph', text: rng.pick(P.OVERVIEW_OPENINGS)(c) }];
  const style = rng.weighted([['headed', 4], ['inline', 3], ['numbered', 1], ['plain', 2]] as const);
  parts.forEach(([headings, sentences], i) => {
    const heading = rng.pick(headings);
    const text = join(sentences);
    if (style === 'headed') blocks.push({ kind: 'subheading', text: `（${CN[i]}）${heading}` }, { kind: 'paragraph', text });
    else if (style === 'inline') blocks.push({ kind: 'paragraph', text: `（${CN[i]}）${heading}。${text}` });
    else if (style === 'numbered') blocks.push({ kind: 'paragraph', text: `${i + 1}. ${heading}。${text}` });
    else blocks.push({ kind: 'paragraph', text });
  });
  return blocks;
}

function problems(c: PhraseContext): Block[] {
  const { rng } = c;
  const style = rng.int(0, 2);
  if (style === 0) {
    return [
      { kind: 'paragraph', text: `存在的主要问题：${P.enumerated(c, P.PROBLEMS, rng.int(1, 3))}` },
      { kind: 'paragraph', text: `主要改进措施：${P.enumerated(c, P.IMPROVEMENTS, rng.int(1, 3))}` },
    ];
  }
  if (style === 1) {
    const k = rng.int(2, 3);
    return [
      { kind: 'subheading', text: '（一）存在的主要问题' },
      ...rng.sample(P.PROBLEMS, k).map((p, i) => ({ kind: 'paragraph' as const, text: `${i + 1}. ${p(c)}。` })),
      { kind: 'subheading', text: '（二）改进措施' },
      ...rng.sample(P.IMPROVEMENTS, k).map((p, i) => ({ kind: 'paragraph' as const, text: `${i + 1}. ${p(c)}。` })),
    ];
  }
  return [
    { kind: 'paragraph', text: `${c.y}年，${c.agency.self}政府信息公开工作取得了一定成效，但仍存在一些不足：${P.enumerated(c, P.PROBLEMS, 2)}` },
    { kind: 'paragraph', text: `下一步，${c.agency.self}将${P.enumerated(c, P.IMPROVEMENTS, 2)}` },
  ];
}

function headings(rng: Rng): { headings: Narrative['headings']; renumbered: boolean } {
  const renumbered = rng.chance(0.02);
  return {
    renumbered,
    headings: {
      1: '一、总体情况',
      2: '二、主动公开政府信息情况',
      // seed 004 prints two "二、" headings.
      3: `${renumbered ? '二' : '三'}、收到和处理政府信息公开申请情况`,
      4: rng.pick(['四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复议、行政诉讼情况', '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况']),
      5: rng.pick(['五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况', '五、政府信息公开工作存在的主要问题及改进情况', '五、存在的主要问题及整改措施']),
      6: '六、其他需要报告的事项',
    },
  };
}

function titleLines(agency: Agency, year: string, rng: Rng): string[] {
  switch (rng.int(0, 3)) {
    case 0:
      return [`${agency.name}${year}年政府信息公开工作年度报告`];
    case 1:
      return [agency.name, `${year}年度政府信息公开工作报告`];
    case 2:
      return [`${year}年${agency.name}政府信息公开工作年度报告`];
    default:
      return [`${agency.name}${year}年度政府信息公开工作年度报告`];
  }
}

function formatFigure(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}

function perturb(rng: Rng, v: number): number {
  const d = rng.pick([1, 2, 3, 5, 10, 31]);
  const w = v >= d && rng.chance(0.4) ? v - d : v + d;
  return Number.isInteger(v) ? w : Number(w.toFixed(4));
}

/**
 * How an office numbers its six sections. Drawn last, so the rest of a report stays what the
 * same seed gave before; subsections then take another style than their sections, as reports do
 * (a report with "（一）" sections numbers its subsections "1.", one with "1." sections "（1）").
 */
const HEADING_STYLES = [
  ['cn', 55],
  ['cn-paren', 8],
  ['arabic', 8],
  ['arabic-dun', 4],
  ['part', 4],
  ['chapter', 2],
  ['bold', 4],
  ['bare', 5],
  ['two-lines', 10],
] as const;
type HeadingStyle = (typeof HEADING_STYLES)[number][0];

function styledHeading(style: HeadingStyle, heading: string): string {
  const m = /^([一二三四五六七])、(.*)$/.exec(heading);
  if (!m) return heading;
  const [, cn, title] = m;
  const n = CN.indexOf(cn) + 1;
  switch (style) {
    case 'cn':
      return heading;
    case 'cn-paren':
      return `（${cn}）${title}`;
    case 'arabic':
      return `${n}.${title}`;
    case 'arabic-dun':
      return `${n}、${title}`;
    case 'part':
      return `第${cn}部分 ${title}`;
    case 'chapter':
      return `第${cn}章　${title}`;
    case 'bold':
      return `**${heading}**`;
    case 'bare':
      return title;
    case 'two-lines': {
      const k = Math.max(2, Math.floor(title.length / 2));
      return `${cn}、${title.slice(0, k)}\n${title.slice(k)}`;
    }
  }
}

/** A subsection or list item numbered in the style under its section's. */
function styledSubsection(style: HeadingStyle, text: string): string {
  if (style === 'cn-paren') {
    return text.replace(/^（([一二三四五六七八])）/, (_, c: string) => `${CN.indexOf(c) + 1}.`).replace(/^(\d)\. /, '（$1）');
  }
  if (style === 'arabic' || style === 'arabic-dun') return text.replace(/^(\d)\. /, '（$1）');
  return text;
}

function restyle(rng: Rng, n: Narrative): void {
  const style = rng.weighted(HEADING_STYLES);
  if (style === 'cn') return;
  for (const k of [1, 2, 3, 4, 5, 6] as const) n.headings[k] = styledHeading(style, n.headings[k]);
  for (const b of [...n.overview, ...n.problems]) b.text = styledSubsection(style, b.text);
  n.quirks.push(`headings-${style}`);
}

/** Writes the narrative of one report. */
export function writeNarrative(rng: Rng, agency: Agency, year: number, template: TemplateVersion, facts: GoldFacts, faultRule?: NarrativeFaultRule): Narrative {
  const spaced = rng.chance(0.25);
  const c: PhraseContext = { rng, agency, year, n: (v) => (spaced ? ` ${v} ` : String(v)), y: spaced ? `${year} ` : String(year) };
  const figs = new Figures();
  const claimNone = faultRule === 'no_requests_claim';
  const body = overview(figs, facts, template, c, claimNone, faultRule === 'narrative_vs_table');
  const { headings: hs, renumbered } = headings(rng);

  let fault: Fault | null = null;
  const printed = figs.list.map((f) => f.value);
  if (faultRule === 'narrative_vs_table') {
    const candidates = figs.list.map((f, i) => i).filter((i) => figs.list[i].claim === undefined);
    if (candidates.length > 0) {
      const i = rng.pick(candidates);
      printed[i] = perturb(rng, figs.list[i].value);
      fault = { rule: faultRule, metrics: [figs.list[i].metric], cells: [], detail: `正文称${figs.list[i].clause.replace('#', formatFigure(printed[i]))}，表中为${formatFigure(figs.list[i].value)}` };
    }
  } else if (claimNone) {
    fault = { rule: faultRule!, metrics: ['requests.new.total'], cells: [], detail: `正文称未收到政府信息公开申请，表中本年新收${String(facts['requests.new.total'])}件` };
  }
  const fill = (text: string) => text.replace(/\u0001(\d+)\u0001/g, (_, i: string) => c.n(formatFigure(printed[Number(i)])));
  for (const b of body) b.text = fill(b.text);

  const figures: NarrativeFigure[] = figs.list.map((f, i) => {
    const sentence = f.claim ? f.clause : f.clause.replace('#', formatFigure(printed[i]));
    return { metric: f.metric, value: printed[i], ...(f.claim ? { claim: f.claim } : {}), section: 1, sentence };
  });

  const yearText = c.y.trim();
  const published = `${year + 1}年${rng.int(1, 3)}月${rng.int(1, 28)}日`;
  const dateUnderTitle = rng.chance(0.15) ? published : null;
  const narrative: Narrative = {
    titleLines: titleLines(agency, spaced ? `${yearText} ` : yearText, rng),
    dateUnderTitle,
    preamble: rng.chance(0.85) ? [rng.pick(P.PREAMBLES)(c)] : [],
    headings: hs,
    overview: body,
    problems: problems(c),
    other: [rng.pick(P.OTHER_MATTERS)(c)],
    closing: dateUnderTitle || rng.chance(0.3) ? [] : [agency.name, published],
    figures,
    fault,
    quirks: [...(renumbered ? ['renumbered'] : []), ...(spaced ? ['spaced-numbers'] : [])],
  };
  restyle(rng, narrative);
  return narrative;
}
