import { METRICS, metric, type MetricDef } from '../facts/metrics.js';

/**
 * Reads which figure a question asks for. A question names a row of a table ("规范性文件",
 * "行政许可", "收到申请") with one of the synonyms of the metric dictionary, and often the column
 * elsewhere in the sentence ("制发了几件行政规范性文件", "商业企业的申请"). So: find the row by the
 * longest synonym, then pick the column by the qualifier words below.
 */
export interface MetricMention {
  /** Metric ids in order of preference: a report takes the first its template has. */
  ids: string[];
  start: number;
  end: number;
  /** The words that named it. */
  text: string;
}

/** Words that select a column of a row, keyed by the last segment of the metric id. */
const COLUMN_WORDS: Record<string, readonly string[]> = {
  issued: ['制发', '新制作', '制作', '印发', '出台', '发布', '新发'],
  published: ['新公开'],
  repealed: ['废止', '废除', '失效'],
  in_force: ['现行有效', '对外公开总', '现有', '累计', '有效'],
  prev_items: ['上一年项目', '上年项目', '项目数量', '事项数', '上一年'],
  change: ['增减', '增/减', '增加', '减少', '变动'],
  decisions: ['处理决定', '决定'],
  amount: ['金额', '总额', '多少钱', '万元', '资金', '花了'],
  projects: ['项目', '几项', '多少项', '项数'],
  natural_person: ['自然人', '个人', '公民'],
  business: ['商业企业', '企业'],
  research: ['科研机构'],
  public_interest: ['社会公益组织', '公益组织'],
  legal_service: ['法律服务机构', '律师'],
  other: ['其他法人', '其他组织', '其他结果'],
  upheld: ['结果维持', '维持'],
  corrected: ['结果纠正', '纠正'],
  pending: ['尚未审结', '未审结', '审理中'],
  attendees: ['人次', '参训', '多少人'],
};

/** A row of a table: "normative_docs", "requests.denied.third_party", "review". */
function rowOf(id: string): string {
  return id.slice(0, id.lastIndexOf('.'));
}
function columnOf(id: string): string {
  return id.slice(id.lastIndexOf('.') + 1);
}

interface Entry {
  id: string;
}

const dictionary = new Map<string, Entry>();
for (const m of METRICS) {
  for (const word of m.synonyms) {
    // The first metric that claims a word keeps it: the dictionary lists defaults first.
    if (!dictionary.has(word)) dictionary.set(word, { id: m.id });
  }
}
const maxWord = Math.max(...[...dictionary.keys()].map((w) => w.length));

const columnsByRow = new Map<string, MetricDef[]>();
for (const m of METRICS) {
  const row = rowOf(m.id);
  const list = columnsByRow.get(row) ?? [];
  list.push(m);
  columnsByRow.set(row, list);
}

/** 行政诉讼 names both kinds of lawsuit (未经复议直接起诉, 复议后起诉). */
const GROUPS: Record<string, (id: string, word: string) => string[][] | null> = {
  litigation_direct: (id, word) =>
    word.includes('直接') ? null : [[id], [id.replace('litigation_direct', 'litigation_after_review')]],
};

function pickColumn(row: string, text: string, fallback: string): string[] {
  const columns = columnsByRow.get(row) ?? [];
  let best: { id: string; len: number } | null = null;
  for (const m of columns) {
    for (const w of COLUMN_WORDS[columnOf(m.id)] ?? []) {
      if (w.length > (best?.len ?? 0) && text.includes(w)) best = { id: m.id, len: w.length };
    }
  }
  if (best) return [best.id];
  // No column named: the default, then a sibling for reports whose template lacks the default.
  const chosen = metric(fallback);
  const ids = [fallback];
  if (chosen && chosen.templates.length < 2) {
    for (const m of columns) {
      if (m.id !== fallback && m.unit !== '' && !m.templates.some((t) => chosen.templates.includes(t)) && !ids.some((i) => metric(i)?.templates.some((t) => m.templates.includes(t)))) {
        ids.push(m.id);
      }
    }
  }
  return ids;
}

/** Finds the metrics a question names, left to right, longest words first. */
export function readMetrics(text: string): MetricMention[] {
  const mentions: MetricMention[] = [];
  for (let i = 0; i < text.length; ) {
    let hit: { word: string; entry: Entry } | null = null;
    for (let len = Math.min(maxWord, text.length - i); len >= 2; len--) {
      const word = text.slice(i, i + len);
      const entry = dictionary.get(word);
      if (entry) {
        hit = { word, entry };
        break;
      }
    }
    if (!hit) {
      i++;
      continue;
    }
    const { word, entry } = hit;
    const row = rowOf(entry.id);
    const group = GROUPS[row]?.(entry.id, word) ?? [[entry.id]];
    for (const [id] of group) {
      const ids = pickColumn(rowOf(id), text, id);
      if (!mentions.some((m) => m.ids[0] === ids[0])) mentions.push({ ids, start: i, end: i + word.length, text: word });
    }
    i += word.length;
  }
  return withoutStandIns(mentions, text);
}

/**
 * Table words too general to name a row when the question names a thing only the text counts:
 * "办理了多少件市政府网站留言" asks about 留言, not 办理结果总计.
 */
const GENERAL_WORDS = new Set(['办理了多少', '办结', '申请', '依申请', '新收', '申请公开']);

/**
 * A figure only the text states (微信公众号, 留言 …) is asked for only with words asking for a
 * figure ("发了多少条"); "政务公开培训做了什么" is a question for the passages. Where one is asked
 * for, a general table word beside it names no table row.
 */
function withoutStandIns(mentions: MetricMention[], text: string): MetricMention[] {
  const stated = (m: MetricMention) => metric(m.ids[0])?.table === null;
  if (!mentions.some(stated)) return mentions;
  if (!COUNT_WORDS.test(text)) return mentions.filter((m) => !stated(m));
  return mentions.filter((m) => stated(m) || !GENERAL_WORDS.has(m.text));
}

const COUNT_WORDS = /多少|几[件个项条篇场次份家期]|数量|数目|件数|条数|篇数|场次|次数|人次|总数|总量|最多|最少|最高|最低|排名|排第|比较|对比|趋势|变化|合计|总共|一共|超过|以上|以下/;
