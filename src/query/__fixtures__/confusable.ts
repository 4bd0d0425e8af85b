/**
 * The questions of confusable.test.ts: phrased alike, with subjects that are not alike (a table
 * figure, a figure only the text states, or passages). Other tests ask them too (the storages'
 * parity test).
 */

/** Subjects no table holds, asked like a table figure: a text figure of their own, or the passages. */
export const TEXT_FIGURES: Array<[string, string]> = [
  ['焦作市教育局办理了多少件市政府网站留言', 'messages.handled'],
  ['勃利县教育局办结了多少件网民留言', 'messages.handled'],
  ['七台河市教育局收到多少件网民留言', 'messages.handled'],
  ['勃利县教育局申请公开的留言有多少', 'messages.handled'],
  ['七台河市教育局召开了几场新闻发布会', 'press_conferences.count'],
  ['勃利县教育局政策解读发布了多少篇', 'policy_interpretations.count'],
  ['延吉市财政局组织了几次政务公开培训', 'training.sessions'],
  ['七台河市教育局举办了几期政务公开培训班', 'training.sessions'],
  ['勃利县教育局培训了多少人次', 'training.attendees'],
  ['七台河市教育局微信公众号发布了多少条信息', 'wechat.posts'],
  ['鹤岗教育公众号发了多少条信息', 'wechat.posts'],
  ['哪个局2021年政务微博发布信息最多', 'weibo.posts'],
  ['哪个局2022年微信公众号发布信息最多', 'wechat.posts'],
  ['2021年各局新闻发布会场次排名', 'press_conferences.count'],
];

/** Subjects no table holds and no text figure models: the passages. */
export const PASSAGES: string[] = [
  '牡丹江市教育局2020年报送了哪些规范性文件',
  '勃利县教育局2021年公开了哪些文件',
  '延吉市财政局有哪些规章',
  '七台河市教育局网站访问量是多少',
  '勃利县教育局回应了多少条网民关切',
  '七台河市教育局政务新媒体有多少个',
  '勃利县教育局开展了多少次政府开放日活动',
  '七台河市教育局接受了多少次媒体采访',
  '七台河市教育局在培训方面有什么做法',
  '延吉市财政局微信公众号的运营情况',
  '牡丹江市教育局印发的规范性文件名单',
  '延吉市财政局发布了多少条政务信息',
];

/** Table subjects, phrased as a person would: the table figure. */
export const TABLE_FIGURES: Array<[string, string]> = [
  ['焦作2023年现行有效的规范性文件有几件', 'normative_docs.in_force'],
  ['七台河市教育局2021年现行有效的规范性文件有几件', 'normative_docs.in_force'],
  ['勃利县教育局2021年有多少行政复议案件', 'review.total'],
  ['延吉市财政局采购花了多少钱', 'procurement.amount'],
  ['勃利县教育局行政处罚做了多少件', 'punishment.decisions'],
  ['七台河市教育局收到的政府信息公开申请中有多少来自企业', 'requests.new.business'],
  ['勃利县教育局2021年予以公开了多少件', 'requests.granted.total'],
  ['七台河市教育局2021年收费金额是多少', 'fees.amount'],
  ['哪个局2021年部分公开最多', 'requests.partly_granted.total'],
  ['七台河市教育局2021年办结了多少件申请', 'requests.total_processed.total'],
  ['勃利县教育局收到多少申请', 'requests.new.total'],
];
