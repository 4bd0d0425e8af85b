/**
 * Example questions shown by /start, /help and an empty inline query, one of each kind the engine
 * answers (figure, ranking, passage, consistency, corpus). Written for the bundled corpus; a
 * deployment on other reports edits this list.
 */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  '牡丹江市教育局2020年政府集中采购总金额是多少',
  '2020年各局政府集中采购金额从高到低排列',
  '鹤岗市教育局2022年收到了多少件政府信息公开申请',
  '牡丹江市教育局政务公开存在什么问题',
  '哪些报告的申请数据不符合勾稽关系',
  '语料里有哪些单位',
];
