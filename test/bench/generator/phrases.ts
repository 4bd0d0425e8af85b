import type { Agency } from './agencies.js';
import type { Rng } from './random.js';

/**
 * Sentence pools of the narrative sections, in the register of real reports. Each entry is a
 * function of the report's context, so that the same pool gives different texts. Figures that
 * restate table cells are not here (see narrative.ts): these carry only incidental figures.
 */
export interface PhraseContext {
  rng: Rng;
  agency: Agency;
  year: number;
  /** A number as printed in running text: "732" or " 732 " (PDF extractions space numbers). */
  n: (v: number | string) => string;
  /** The year as printed: "2022" or "2022 ". */
  y: string;
}

type Phrase = (c: PhraseContext) => string;

const pick = (c: PhraseContext, items: readonly Phrase[]) => c.rng.pick(items)(c);

export const PREAMBLES: readonly Phrase[] = [
  (c) => `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，现向社会公布${c.agency.name}${c.y}年度政府信息公开工作年度报告。本报告所列数据的统计期限自${c.y}年1月1日起至${c.y}年12月31日止。本报告电子版可在${c.agency.region.county ?? c.agency.region.city ?? c.agency.region.province}人民政府门户网站查阅。如对本报告有疑问，请与${c.agency.name}办公室联系（电话：0${c.rng.int(310, 999)}-${c.rng.int(2000000, 8999999)}）。`,
  (c) => `依据《中华人民共和国政府信息公开条例》第五十条之规定，制作本报告。`,
  (c) => `本年报依据《中华人民共和国政府信息公开条例》和省、市有关政府信息公开工作的规定进行编制。本年报中所列数据的统计期限自${c.y}年1月1日起至${c.y}年12月31日止。`,
  (c) => `根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求，${c.agency.short}编制了${c.y}年度政府信息公开工作年度报告。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。`,
  (c) => `按照上级关于${c.y}年度政府信息公开工作年度报告的要求，现将${c.agency.self}${c.y}年度政府信息公开工作情况报告如下。`,
];

const guidance = (c: PhraseContext) =>
  c.year <= 2022 ? '全面贯彻党的十九大和十九届历次全会精神' : '全面贯彻落实党的二十大和二十届历次全会精神';

export const OVERVIEW_OPENINGS: readonly Phrase[] = [
  (c) => `${c.y}年，${c.agency.name}坚持以习近平新时代中国特色社会主义思想为指导，${guidance(c)}，认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，不断提升${c.agency.field}领域政务公开工作水平。`,
  (c) => `${c.y}年，${c.agency.self}在上级政务公开部门的指导下，紧紧围绕中心工作，深入推进决策、执行、管理、服务、结果公开，切实保障人民群众的知情权、参与权、表达权和监督权。`,
  (c) => `本年度，${c.agency.short}认真落实国家、省、市关于深化政务公开的工作要求，强化重点领域信息公开，及时发布解读${c.agency.field}政策，主动回应群众关切。`,
  (c) => `${c.y}年，${c.agency.self}高度重视政府信息公开工作，把政务公开作为转变作风、提高效能的重要抓手，健全工作机制，拓宽公开渠道，政府信息公开工作取得了新的进展。`,
  (c) => `${c.y}年，${c.agency.name}按照“公开为原则、不公开为例外”的要求，完善工作机制，细化职责分工，规范操作流程，政府信息公开工作有序开展。`,
];

export const ACTIVE_HEADINGS = ['主动公开政府信息情况', '政府信息主动公开方面', '深化主动公开', '主动公开工作情况', '系统化推进主动公开'];
export const REQUEST_HEADINGS = ['依申请公开方面', '依申请公开政府信息情况', '规范办理依申请公开', '依申请公开工作情况'];
export const MANAGEMENT_HEADINGS = ['政府信息管理', '政府信息管理方面', '加强政府信息管理', '完善公开制度规范'];
export const PLATFORM_HEADINGS = ['政府信息公开平台建设', '平台建设方面', '加强平台建设，拓展公开渠道', '公开平台建设情况'];
export const OVERSIGHT_HEADINGS = ['监督保障', '监督保障方面', '强化监督保障', '加强组织领导'];

export const ACTIVE_FILLERS: readonly Phrase[] = [
  (c) => `全年通过门户网站主动公开政府信息${c.n(c.rng.int(20, 5000))}条`,
  (c) => `在“${c.agency.region.county ?? c.agency.region.city ?? c.agency.region.province}${c.agency.field}”微信公众号共计发布信息${c.n(c.rng.int(30, 1500))}条`,
  (c) => `发布政策解读${c.n(c.rng.int(1, 60))}篇`,
  (c) => `召开新闻发布会${c.n(c.rng.int(1, 20))}场`,
  (c) => `发布工作动态、通知公告等信息${c.n(c.rng.int(50, 3000))}篇`,
  (c) => `全年共发布各类信息${c.n(c.rng.int(30, 4000))}条`,
];

export const ACTIVE_SENTENCES: readonly Phrase[] = [
  () => '坚持把主动公开作为政府信息公开的主要方式，重点公开群众关心关注的热点问题',
  () => '围绕重大决策部署、重点领域改革和民生实事，及时准确发布权威信息',
  (c) => `依托门户网站、政务新媒体等平台，做好${c.agency.kind === 'government' ? '' : c.agency.field}政策文件和解读材料的同步发布`,
  () => '严格落实政策文件与解读材料同步组织、同步审签、同步部署',
];

export const REQUEST_SENTENCES: readonly Phrase[] = [
  () => '不断完善依申请公开工作制度，规范受理、审查、答复等环节',
  () => '严格按照《条例》规定的时限和程序办理政府信息公开申请，做到依法、规范、及时答复',
  () => '加强与申请人的沟通，准确把握申请人的信息需求，切实保障群众合理的信息需求',
  () => '对疑难复杂申请，会同法律顾问研究答复意见，确保答复合法合规',
];

export const MANAGEMENT_SENTENCES: readonly Phrase[] = [
  () => '严格信息发布程序，按照“谁制作、谁审核、谁发布”原则，确保信息发布内容准确、更新及时',
  (c) => `全年完成公文公开属性审查${c.n(c.rng.int(10, 600))}件`,
  () => '执行三级审核制度，明确保密审查职责分工，从制度上保证公开信息的准确性和权威性',
  () => '及时清理过期信息，动态调整政府信息主动公开目录',
  (c) => `累计清理过期信息${c.n(c.rng.int(5, 800))}条`,
];

export const PLATFORM_SENTENCES: readonly Phrase[] = [
  () => '持续强化政府网站作为政务公开第一平台的功能定位，加强网站内容保障与安全运维',
  (c) => `政务新媒体全年推送信息${c.n(c.rng.int(20, 2500))}条`,
  () => '进一步规范政府信息公开专栏建设，定期更新发布相关信息，做到应公开尽公开',
  (c) => `设置政策法规、通知公告、政策解读等栏目${c.n(c.rng.int(5, 40))}个`,
];

export const OVERSIGHT_SENTENCES: readonly Phrase[] = [
  () => '成立政务公开工作领导小组，主要负责同志亲自抓，分管负责同志具体抓，形成一级抓一级、层层抓落实的工作格局',
  (c) => `组织开展政务公开业务培训${c.n(c.rng.int(1, 12))}次`,
  () => '将政务公开工作纳入年度绩效考核，定期开展自查自纠',
  () => '本年度未发生因政务公开工作引发的责任追究情况',
];

export const PROBLEMS: readonly Phrase[] = [
  () => '政策解读形式不够丰富，图解、视频等解读方式运用较少',
  () => '主动公开的深度和广度还需进一步拓展',
  () => '政务公开业务培训有待加强，工作人员业务能力有待进一步提升',
  () => '依申请公开办理质量需进一步提升',
  () => '部分栏目信息更新不够及时',
  () => '政务新媒体与门户网站的联动有待加强',
  () => '公开平台建设仍有不足，信息检索不够便捷',
];

export const IMPROVEMENTS: readonly Phrase[] = [
  () => '丰富政策解读形式，多运用图解、短视频等群众喜闻乐见的方式，提高政策知晓度',
  () => '加大业务培训力度，邀请专家开展专题培训，提升工作人员业务水平',
  () => '严格执行信息发布审核制度，定期开展栏目巡查，确保信息更新及时准确',
  () => '规范依申请公开办理流程，加强答复文书审核，提升办理质量',
  () => '围绕群众关切扩大主动公开范围，推动重点领域信息公开走深走实',
  () => '加强门户网站和政务新媒体建设，拓宽公开渠道',
];

export const OTHER_MATTERS: readonly Phrase[] = [
  () => '无。',
  () => '无',
  () => '本年度无其他需要报告的事项。',
  () => '本年度本机关未收取信息处理费。',
  (c) => `${c.y}年度，${c.agency.short}政府信息公开未发生收费情况。`,
  (c) => `${c.agency.name}网址为：http://www.${c.rng.pick(['gov', 'zwgk', 'xxgk'])}${c.rng.int(10, 999)}.gov.cn/，如需了解更多政府信息，请登录查询。`,
  (c) => `按照《政府信息公开信息处理费管理办法》规定，本年度收取信息处理费${c.n(c.rng.int(100, 2000))}元。`,
];

/** "一是…。二是…。三是…。" from `k` phrases of a pool. */
export function enumerated(c: PhraseContext, pool: readonly Phrase[], k: number): string {
  const ord = ['一', '二', '三', '四', '五'];
  return c.rng.sample(pool, k).map((p, i) => `${ord[i]}是${p(c)}。`).join('');
}

export function sentence(c: PhraseContext, pool: readonly Phrase[]): string {
  return pick(c, pool);
}
