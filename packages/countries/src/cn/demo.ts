import type { CountryDemo } from '../country-policy';
import { propertyText, randomDigits } from '../shared/demo-random';
import { shanghai } from './demo-places';
import { usccCheckCharacter } from './uscc';

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 统一社会信用代码: enterprise (91), a Shanghai district code, an organisation code and the check character. */
function demoUscc(random: () => number): string {
  let body = `91310${100 + Math.floor(random() * 20)}`;
  for (let i = 0; i < 9; i++) body += USCC_CHARSET.charAt(Math.floor(random() * USCC_CHARSET.length));
  return body + (usccCheckCharacter(body) ?? '0');
}

/** China's demo: Shanghai's districts (and Hangzhou as the second city of the organisation). */
export const cnDemo: CountryDemo = {
  key: 'shanghai',
  city: 'Shanghai',
  centre: { lat: 31.2304, lng: 121.4737 },
  spread: 0.08,
  placeDistance: { mean: 5000, max: 30_000 },
  extent: [73.5, 18.1, 134.8, 53.6],
  orgCities: ['上海', '杭州'],
  territories: {
    file: new URL('./demo/shanghai-districts.geojson', import.meta.url),
    cityOf: () => '上海',
    districtName: (p) => propertyText(p.name_zh, propertyText(p.name, '?')),
  },
  shopNames: ['好邻居便利店', '老王面馆', '新华书店', '康乐药房', '鲜果时光', '金福超市'],
  shopStreets: ['南京西路', '淮海中路', '四川北路', '世纪大道', '肇嘉浜路'],
  legalSuffix: '有限公司',
  people: {
    givenNames: ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰'],
    familyNames: ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'],
    familyNameFirst: true,
  },
  phone: (r) => `+86 13${randomDigits(r, 9)}`,
  businessId: demoUscc,
  places: shanghai,
};
