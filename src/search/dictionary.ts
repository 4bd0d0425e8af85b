import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type NodeJieba from 'nodejieba';
import type { Report } from '../ingest/report.js';
import { STOP_WORDS } from './stopwords.js';

/**
 * The user dictionary: terms of this domain that jieba must keep whole (it would cut
 * 政府集中采购 into 政府 集中 采购, and 行政规范性文件 into four words), plus the agency and place names
 * of the corpus, added per report by `addCorpusNames`.
 *
 * jieba is loaded once per process, lazily (loading its 350,000-word dictionary takes 1–3 s, so an
 * index that is only opened, never queried, does not pay it).
 */
const DOMAIN_TERMS = `
政府信息公开 政务公开 信息公开 政务信息公开 政府信息公开条例 政府信息公开工作 年度报告 工作年度报告 年报
主动公开 依申请公开 申请公开 政府信息公开申请 予以公开 部分公开 不予公开 无法提供 不予处理 其他处理
政府集中采购 集中采购 采购总金额 政府采购 行政规范性文件 规范性文件 政策文件 规章
行政许可 行政处罚 行政强制 行政事业性收费 行政复议 行政诉讼 复议后起诉 未经复议直接起诉
勾稽关系 国家秘密 商业秘密 个人隐私 三安全一稳定 内部事务信息 过程性信息 行政执法案卷 行政查询事项
政务新媒体 新媒体 微信公众号 公众号 政务微信 政务微博 视频号 抖音 今日头条 学习强国 客户端
政府网站 门户网站 政府门户网站 政务服务网 网站巡查 政务公开专栏 信息公开专栏 信息公开指南 信息公开目录
政策解读 解读回应 回应关切 政务舆情 舆情回应 新闻发布会 政务动态 工作动态 政府公报 办事指南 局长信箱
政务热线 便民热线 互联网督查 民心网 人民网 留言办理 办结率
双随机双公示 双随机一公开 营商环境 放管服 一网通办 预决算 财政预决算 三公经费
重点领域 重点领域信息公开 教师招聘 教师资格 教师资格认定 招生考试 学生资助 义务教育 学前教育 高中教育
考核评估 责任追究 保密审查 公开属性 业务培训 监督检查 督促检查 社会评议 工作机制
存在的主要问题 主要问题 存在问题 改进措施 改进情况 整改措施 下一步
`;

/** Bump when segmentation rules change in a way that changes the tokens of the same text. */
const SEGMENTER_RULES = 'atoms-v1;cutForSearch;nfkc;lower';

const domainTerms: readonly string[] = DOMAIN_TERMS.split(/\s+/).filter(Boolean);

/**
 * Identifies the dictionary and rules the index was segmented with; an index built with another
 * version is stale. Corpus names are not part of it: they come with the corpus, whose file hashes
 * the manifest records anyway.
 */
export const DICTIONARY_VERSION: string = createHash('sha256')
  .update(SEGMENTER_RULES)
  .update('\n')
  .update(nodejiebaVersion())
  .update('\n')
  .update(domainTerms.join(' '))
  .update('\n')
  .update([...STOP_WORDS].join(' '))
  .digest('hex')
  .slice(0, 16);

let binding: typeof NodeJieba | null = null;

/**
 * nodejieba, required at its first use: a start that only searches a saved index (questions are
 * matched against its vocabulary) does not load the native addon.
 */
export function jieba(): typeof NodeJieba {
  return (binding ??= createRequire(import.meta.url)('nodejieba') as typeof NodeJieba);
}

let loaded = false;
const inserted = new Set<string>();
const pendingSources: Array<() => Iterable<string>> = [];

/** Whether this process has loaded jieba's dictionary (an index only loaded and searched has not). */
export function isJiebaLoaded(): boolean {
  return loaded;
}

/** Loads jieba with the domain terms; later calls return at once. */
export function ensureJieba(): void {
  if (loaded) return;
  jieba().load();
  loaded = true;
  for (const term of domainTerms) insertWord(term);
  for (const term of inserted) insertWord(term);
  for (const source of pendingSources.splice(0)) addCorpusNames(source());
}

/**
 * Keeps the given names whole from now on (in this process). Names are kept even before jieba is
 * loaded, and inserted when it is.
 */
export function addCorpusNames(names: Iterable<string>): void {
  for (const raw of names) {
    const name = raw.trim();
    if (name.length < 2 || /\s/.test(name) || inserted.has(name)) continue;
    inserted.add(name);
    if (loaded) insertWord(name);
  }
}

/**
 * Every name kept whole so far in this process, those of loaded indexes included: what a
 * segmenting worker thread must know to cut as this thread would.
 */
export function corpusNamesSoFar(): string[] {
  for (const source of pendingSources.splice(0)) addCorpusNames(source());
  return [...inserted];
}

/**
 * Names to keep whole, read only if jieba gets loaded: a loaded index registers its reports'
 * names this way, so that opening it costs nothing when it is only searched.
 */
export function addCorpusNameSource(source: () => Iterable<string>): void {
  if (loaded) addCorpusNames(source());
  else pendingSources.push(source);
}

/** The names of one report that must stay whole: agency, its aliases, its region. */
export function corpusNamesOf(report: Report): string[] {
  const { agency, aliases, region } = report.meta;
  return [agency, ...aliases, region.province, region.city, region.county].filter(
    (n): n is string => typeof n === 'string' && n.trim().length >= 2,
  );
}

function insertWord(word: string): void {
  jieba().insertWord(word);
}

function nodejiebaVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('nodejieba/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
