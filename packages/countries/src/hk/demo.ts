import type { CountryDemo } from '../country-policy';
import { randomDigits, randomOf } from '../shared/demo-random';
import { hongKong } from './demo-places';

/** Hong Kong's demo: Kowloon and the island around Mong Kok; no district boundaries shipped. */
export const hkDemo: CountryDemo = {
  key: 'hong-kong',
  city: 'Hong Kong',
  centre: { lat: 22.3193, lng: 114.1694 },
  spread: 0.05,
  placeDistance: { mean: 3500, max: 15_000 },
  extent: [113.8, 22.15, 114.45, 22.57],
  orgCities: ['香港', '九龍'],
  shopNames: ['美心西餅', '金記茶餐廳', '華興士多', '永利藥房', '好運燒臘', '祥記冰室'],
  shopStreets: ['彌敦道', '軒尼詩道', '皇后大道中', '英皇道', '亞皆老街'],
  legalSuffix: '有限公司',
  people: {
    givenNames: ['志明', '嘉欣', '家豪', '詠詩', '俊傑', '曉彤', '偉文', '美玲', '子聰', '凱琳'],
    familyNames: ['陳', '李', '張', '黃', '何', '梁', '林', '鄭'],
    familyNameFirst: true,
  },
  phone: (r) => `+852 ${randomOf(r, ['61', '63', '64', '65', '94', '96', '97'])}${randomDigits(r, 6)}`,
  businessId: (r) => `${1 + Math.floor(r() * 7)}${randomDigits(r, 7)}`,
  places: hongKong,
};
