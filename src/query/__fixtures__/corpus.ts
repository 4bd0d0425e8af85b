import type { Finding } from '../../ingest/report.js';
import { makeReport } from './reports.js';

/** Made-up agencies in real places, with figures chosen to show ties, blanks and both templates. */
const projectsFinding: Finding = {
  rule: 'narrative_vs_table',
  severity: 'error',
  metrics: ['procurement.projects'],
  message: '正文称政府集中采购项目6项，表格为9项',
};

export const FIXTURE_REPORTS = [
  makeReport({
    agency: '大庆市财政局', year: 2019, province: '黑龙江省', city: '大庆市',
    cells: { 'procurement.amount': 500, 'procurement.projects': 4, 'licensing.decisions': 10, 'requests.new.total': 3 },
  }),
  makeReport({
    agency: '大庆市财政局', year: 2020, province: '黑龙江省', city: '大庆市', publishedAt: '2021-01-20',
    cells: { 'procurement.amount': 800, 'procurement.projects': 9, 'licensing.decisions': 12, 'requests.new.total': 5 },
    narrative: [{ metric: 'procurement.projects', value: 6, sentence: '全年完成政府集中采购项目6项，均按规定公开。' }],
    findings: [projectsFinding],
  }),
  makeReport({
    agency: '大庆市财政局', year: 2021, province: '黑龙江省', city: '大庆市',
    cells: { 'licensing.decisions': 15, 'requests.new.total': 7, 'fees.amount': 1.5 },
  }),
  makeReport({
    agency: '大庆市教育局', year: 2020, province: '黑龙江省', city: '大庆市',
    cells: { 'procurement.amount': 800, 'licensing.decisions': 'blank', 'requests.new.total': 0 },
  }),
  makeReport({
    agency: '萨尔图区教育局', year: 2020, province: '黑龙江省', city: '大庆市', county: '萨尔图区',
    cells: { 'procurement.amount': 'na', 'licensing.decisions': 0, 'requests.new.total': 0 },
  }),
  makeReport({
    agency: '长春市教育局', year: 2020, province: '吉林省', city: '长春市',
    cells: { 'procurement.amount': 120.5, 'licensing.decisions': 3, 'requests.new.total': 2 },
  }),
  makeReport({
    agency: '长春市教育局', year: 2022, province: '吉林省', city: '长春市',
    cells: { 'licensing.decisions': 4, 'requests.new.total': 1, 'fees.amount': 0 },
    sections: {
      5: '存在的主要问题：一是网站栏目更新不及时。二是政策解读形式单一。\n改进措施：一是建立栏目巡查制度。二是丰富图解解读。',
    },
  }),
  makeReport({
    agency: '朝阳区教育局', year: 2022, province: '吉林省', city: '长春市', county: '朝阳区',
    cells: { 'requests.new.total': 'blank', 'licensing.decisions': 'unknown' },
  }),
];
