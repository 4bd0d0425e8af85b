/**
 * Words that carry no meaning for passage search: function words, the question words people put
 * around what they ask ("多少" "哪些" "怎么"), and the report's boilerplate verbs. Both the index and
 * the question drop them, so "鹤岗教育公众号发了多少条信息" searches for 鹤岗 教育 公众号 条 信息.
 *
 * Deliberately not here: 无 / 没有 / 未 (they answer "有没有" questions), 年 月 日 条 件 项
 * (units next to the figures asked for), and domain words such as 公开 or 问题.
 */
const WORDS = `
的 了 着 过 地 得 之 与 及 和 或 而 并 且 也 又 还 都 就 才 再 更 很 最 较 把 被 将 对 向 从 自 在 于 以 为 因 由 按 据 给
让 使 是 有 这 那 此 其 各 该 本 每 某 个 些 之一 以及 并且 或者 而且 但是 但 因为 所以 如果 虽然 然而 对于 关于
通过 进行 一个 一些 这些 那些 这个 那个 这样 那样 其中 其他 其它 等 等等 即 则 若 如 呢 吗 吧 啊 呀 么 嘛
什么 哪些 哪个 哪里 哪儿 哪 多少 几 怎么 怎样 怎么样 如何 为什么 为何 是否 是不是 请问 请 告诉 一下 问 想 知道
我 我们 你 你们 他 他们 她 它 它们 咱们 大家 自己
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
