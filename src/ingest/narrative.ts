/**
 * Figures stated in the narrative ("发布信息732条", "政府集中采购项目7项，采购总金额2896万元").
 * Each becomes a narrative fact with its sentence; where the words name a table metric of the
 * report's template, the fact carries that metric id so the checks can compare the two.
 */
import type { TemplateVersion } from '../facts/metrics.js';
import { metric } from '../facts/metrics.js';
import { toWanYuan } from './cells.js';
import type { Fact, Section } from './report.js';

const FIGURE = /(-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|亿元|元|件|项|条|篇|次|场|个|份|家|期|人|天|%)/g;

/** Characters before a figure that may name what it counts. */
const BEFORE_WINDOW = 200;

/** Narrative facts that name no table metric carry this prefix and their own words as label. */
export const NARRATIVE_METRIC = 'narrative';

interface MetricRule {
  id: string;
  /**
   * What is counted; it must be the thing the clause names last before the figure (any of a
   * list), or, for null, the clause names none of the things counted (`SUBJECTS`).
   */
  noun: string | readonly string[] | null;
  /** Subject words, anywhere in the clause before the figure. */
  subject: RegExp;
  /** Words right before the figure (same comma-clause). */
  near?: RegExp;
  units: RegExp;
  /** Words that make the mapping unsafe (another kind of count of the same subject). */
  not?: RegExp;
  negate?: RegExp;
}

/** Words right before a count of posts ("共计发布信息", "推送文章"). */
const POSTED = /(?:发布|推送|推出|发送|更新|编发)[^，]{0,8}$|(?:信息|文章|稿件|内容|图文)(?:共计|共|累计)?$/;

const RULES: MetricRule[] = [
  { id: 'procurement.projects', noun: '采购', subject: /采购/, near: /(?:集中)?采购项目|采购.{0,4}项目/, units: /项|个/ },
  { id: 'procurement.amount', noun: '采购', subject: /采购/, near: /采购(?:总)?金额|采购总额|总金额|金额/, units: /万元|亿元|元/ },
  { id: 'rules.in_force', noun: '规章', subject: /规章/, near: /累计|现行有效|对外公开总|总数/, units: /件|部|项/, not: /保留|清理|审查/ },
  { id: 'rules.repealed', noun: '规章', subject: /规章/, near: /废止/, units: /件|部|项/ },
  { id: 'rules.issued', noun: '规章', subject: /规章/, near: /制发|新制作|印发|出台|制定/, units: /件|部|项/, not: /保留|累计|报送|备案/ },
  { id: 'normative_docs.in_force', noun: '规范性文件', subject: /规范性文件/, near: /累计|现行有效|对外公开总|总数/, units: /件|份/, not: /保留|清理|审查/ },
  { id: 'normative_docs.repealed', noun: '规范性文件', subject: /规范性文件/, near: /废止/, units: /件|份/, not: /保留/ },
  { id: 'normative_docs.issued', noun: '规范性文件', subject: /规范性文件/, near: /制发|新制作|印发|出台|制定/, units: /件|份/, not: /保留|累计|报送|备案/ },
  { id: 'normative_docs.published', noun: '规范性文件', subject: /规范性文件/, near: /公开/, units: /件|份/, not: /保留|累计|报送|依申请/ },
  { id: 'licensing.change', noun: '行政许可', subject: /行政许可/, near: /比上一?年(?:减少|增加)|较上一?年(?:减少|增加)/, units: /项|件|个/, negate: /减少/ },
  { id: 'licensing.decisions', noun: '行政许可', subject: /行政许可/, near: /行政许可(?:决定|处理决定)?$/, units: /件|项|个/ },
  { id: 'punishment.decisions', noun: '行政处罚', subject: /行政处罚/, near: /行政处罚(?:案件|决定|处理决定)?$/, units: /件|项|个|起/ },
  { id: 'coercion.decisions', noun: '行政强制', subject: /行政强制/, near: /行政强制(?:措施|案件|决定|处理决定)?$/, units: /件|项|个|起/ },
  { id: 'review.total', noun: '行政复议', subject: /行政复议/, near: /行政复议(?:案件)?$/, units: /件|起|个/ },
  { id: 'litigation_direct.total', noun: '行政诉讼', subject: /直接(?:提起|起诉)|未经复议/, near: /行政诉讼(?:案件)?$/, units: /件|起|个/ },
  { id: 'litigation_after_review.total', noun: '行政诉讼', subject: /复议后/, near: /行政诉讼(?:案件)?$/, units: /件|起|个/ },
  // 收取的“信息处理费” is no 行政事业性收费.
  { id: 'fees.amount', noun: '行政事业性收费', subject: /行政事业性收费/, near: /收费金额|收费/, units: /万元|亿元|元/, not: /项目|信息处理费/ },
  { id: 'requests.total_processed.total', noun: '申请', subject: /申请/, near: /办结|办理完毕|答复完毕/, units: /件|个|份/, not: /率|结转/ },
  { id: 'requests.carried_over.total', noun: '申请', subject: /上年结转/, near: /上年结转/, units: /件|个|份/ },
  { id: 'requests.carried_forward.total', noun: '申请', subject: /结转(?:至)?下一?年度/, near: /结转(?:至)?下一?年度/, units: /件|个|份/ },
  // Figures no table holds (TEXT_METRICS): channels, press conferences, interpretations, training, messages.
  { id: 'wechat.posts', noun: ['微信', '公众号'], subject: /微信|公众号/, near: POSTED, units: /条|篇|期/, not: /率|粉丝|关注|用户/ },
  { id: 'weibo.posts', noun: ['微博'], subject: /微博/, near: POSTED, units: /条|篇/, not: /率|粉丝|关注|用户/ },
  { id: 'press_conferences.count', noun: ['发布会'], subject: /发布会/, near: /发布会[^，]{0,6}$/, units: /场|次|期|个/ },
  { id: 'policy_interpretations.count', noun: ['解读'], subject: /解读/, near: /解读[^，]{0,8}$/, units: /篇|条|件|期|个|份/, not: /率/ },
  { id: 'training.attendees', noun: ['培训'], subject: /培训/, near: /(?:培训|参训|参加)[^，]{0,12}$/, units: /^人$/ },
  { id: 'training.sessions', noun: ['培训'], subject: /培训/, near: /(?:培训|开展|举办|组织)[^，]{0,10}$/, units: /次|场|期|轮/, not: /人次/ },
  { id: 'messages.handled', noun: ['留言'], subject: /留言/, near: /(?:办理|答复|回复|处理|办结)[^，]{0,12}$|留言[^，]{0,6}$/, units: /件|条|个/, not: /率/ },
  { id: 'info_published.count', noun: null, subject: /公开|发布/, near: /(?:主动公开|公开|发布)[^，]{0,12}信息(?:共计|共|累计)?$/, units: /条/, not: /网站|微信|微博|公众号|头条|抖音|申请|留言|解读/ },
  { id: 'requests.new.total', noun: '申请', subject: /(?:政府信息公开|依申请公开?).{0,6}申请|申请.{0,4}政府信息公开/, near: /(?:收到|受理|新收).{0,12}申请/, units: /件|个|份/, not: /办结|答复|结转/ },
];

export interface NarrativeRead {
  facts: Fact[];
  /** Sentences that say no request was received ("全年未收到政府信息公开申请"). */
  noRequestClaims: Array<{ section: number; sentence: string }>;
}

const SENTENCE = /[^。！？!?\n]+[。！？!?]?/g;

export function readNarrative(sections: Section[], template: TemplateVersion): NarrativeRead {
  const facts: Fact[] = [];
  const noRequestClaims: NarrativeRead['noRequestClaims'] = [];
  for (const section of sections) {
    if (section.no === 2 || section.no === 3 || section.no === 4) continue; // the tables' sections
    for (const m of section.text.matchAll(SENTENCE)) {
      const sentence = m[0].trim();
      if (sentence.includes('\t') || sentence.length < 4) continue;
      if (/(?:未|没有)(?:收到|受理)[^。，；]{0,16}申请/.test(sentence) && !/行政复议|行政诉讼/.test(sentence.replace(/申请[^。]*$/, ''))) {
        noRequestClaims.push({ section: section.no, sentence });
      }
      // One by one: a sentence of a hostile file may hold more figures than a call takes arguments.
      for (const fact of figuresOf(sentence, section.no, template)) facts.push(fact);
    }
  }
  return { facts, noRequestClaims };
}

function figuresOf(sentence: string, section: number, template: TemplateVersion): Fact[] {
  const out: Fact[] = [];
  const clauses = sentence.split(/[；;]/);
  let offset = 0;
  for (const clause of clauses) {
    for (const m of clause.matchAll(FIGURE)) {
      // The words naming a figure stand just before it: a window keeps a clause of thousands of
      // figures (a hostile file) from being scanned again for each.
      const before = clause.slice(Math.max(0, m.index - BEFORE_WINDOW), m.index);
      if (/\d年?$|第$|[〔\[（(]$/.test(before) || /^\s*年/.test(clause.slice(m.index! + m[0].length))) continue;
      if (/^\d{4}$/.test(m[1]) && /^[年]/.test(m[2])) continue;
      const near = before.split(/[，,：:、]/).pop() ?? '';
      const raw = Number(m[1].replace(/,/g, ''));
      const unit = m[2];
      const mapped = mapMetric(before, near, unit, template);
      const value = mapped && metric(mapped.id)?.unit === '万元' ? toWanYuan(raw, unit) : mapped?.negate ? -raw : raw;
      out.push({
        metric: mapped?.id ?? NARRATIVE_METRIC,
        value: { kind: 'number', value },
        unit: mapped ? (metric(mapped.id)?.unit ?? unit) : unit,
        origin: 'narrative',
        section: section as Fact['section'],
        source: sentence,
        label: labelOf(near),
      });
    }
    offset += clause.length + 1;
  }
  return out;
}

/** Things a clause may count; the one named last before a figure is what the figure counts. */
const SUBJECTS = /规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费|采购|行政复议|行政诉讼|申请|微信|公众号|微博|发布会|解读|培训|留言/g;

function mapMetric(before: string, near: string, unit: string, template: TemplateVersion): { id: string; negate: boolean } | null {
  // "制发规章18件、行政规范性文件40件": each figure counts the thing named last before it.
  const noun = [...before.matchAll(SUBJECTS)].pop()?.[0];
  for (const r of RULES) {
    const def = metric(r.id);
    if (!def || !def.templates.includes(template)) continue;
    if (!r.units.test(unit) || !r.subject.test(before) || !nounFits(r.noun, noun)) continue;
    if (r.near && !r.near.test(near.trim())) continue;
    if (r.not && r.not.test(near)) continue;
    return { id: r.id, negate: r.negate ? r.negate.test(near) : false };
  }
  return null;
}

function nounFits(wanted: MetricRule['noun'], named: string | undefined): boolean {
  if (wanted === null) return named === undefined;
  if (named === undefined) return true;
  return typeof wanted === 'string' ? wanted === named : wanted.includes(named);
}

function labelOf(near: string): string {
  const t = near.replace(/^(?:其中|共|共计|全年|累计|本年度?|今年)/, '').trim();
  return t.length > 20 ? t.slice(-20) : t;
}
