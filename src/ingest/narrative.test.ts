import { describe, expect, it } from 'vitest';
import { readNarrative } from './narrative.js';
import type { Section } from './report.js';

const section = (text: string): Section => ({ no: 1, title: '一、总体情况', text, start: 0, end: text.length });
const figures = (text: string) => readNarrative([section(text)], '2021').facts.map((f) => [f.metric, f.value.kind === 'number' ? f.value.value : null]);

describe('figures the text states that no table holds', () => {
  it.each([
    ['在“鹤岗教育”微信公众号共计发布信息700条。', 'wechat.posts', 700],
    ['政务微博推送文章1200篇。', 'weibo.posts', 1200],
    ['全年召开新闻发布会5场。', 'press_conferences.count', 5],
    ['发布政策解读材料36篇。', 'policy_interpretations.count', 36],
    ['组织政务公开业务培训3次。', 'training.sessions', 3],
    ['开展政务公开培训，参训120人。', 'training.attendees', 120],
    ['全年办理市政府网站留言231件。', 'messages.handled', 231],
    ['全年主动公开政府信息732条。', 'info_published.count', 732],
  ])('%s → %s %d', (sentence, id, value) => {
    expect(figures(sentence)).toContainEqual([id, value]);
  });

  it('gives each figure to the thing named last before it', () => {
    const facts = figures('通过政府网站、微信公众号等渠道，印发行政规范性文件12件。');
    expect(facts).not.toContainEqual(['wechat.posts', 12]);
    expect(figures('在政府网站发布信息185条，在微信公众号发布信息90条。')).toEqual([
      ['narrative', 185],
      ['wechat.posts', 90],
    ]);
  });

  it('keeps a share, followers and a rate apart', () => {
    expect(figures('微信公众号关注用户3000个。').map(([id]) => id)).not.toContain('wechat.posts');
    expect(figures('留言办结率100%。').map(([id]) => id)).not.toContain('messages.handled');
  });
});
