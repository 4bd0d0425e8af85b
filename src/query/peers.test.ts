import { describe, expect, it } from 'vitest';
import { peerKindOf, peerName } from './peers.js';

const kind = (agency: string, province: string | null, city: string | null, county: string | null) => peerKindOf({ agency, region: { province, city, county } });

describe('peerKindOf', () => {
  it.each([
    ['牡丹江市教育局', '黑龙江省', '牡丹江市', null, '教育局', '市级'],
    ['呼兰区教育局', '黑龙江省', '哈尔滨市', '呼兰区', '教育局', '县级'],
    ['同仁市教育局', '青海省', '黄南藏族自治州', '同仁市', '教育局', '县级'],
    ['上海市科学技术委员会', '上海市', '上海市', null, '科学技术委员会', '省级'],
    ['沭阳县人民政府', '江苏省', '宿迁市', '沭阳县', '人民政府', '县级'],
    ['平潭综合实验区', '福建省', '福州市', '平潭县', '人民政府', '县级'],
    ['平潭综合实验区国有资产管理局', '福建省', '福州市', '平潭县', '国有资产管理局', '县级'],
    ['呼兰区康金街道办事处', '黑龙江省', '哈尔滨市', '呼兰区', '街道办事处', '乡镇级'],
    ['沭阳县龙庙镇人民政府', '江苏省', '宿迁市', '沭阳县', '乡镇人民政府', '乡镇级'],
  ])('%s → %s', (agency, province, city, county, k, level) => {
    expect(kind(agency, province, city, county)).toEqual({ kind: k, level });
  });
  it('takes a province’s 办公厅 and a city’s 办公室 for one kind, told apart by level', () => {
    const office = kind('上海市人民政府办公厅', '上海市', '上海市', null);
    expect(office.kind).toBe(kind('鹤岗市人民政府办公室', '黑龙江省', '鹤岗市', null).kind);
    expect(peerName(office)).toBe('省级人民政府办公室（厅）');
  });
});
