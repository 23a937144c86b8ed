import type { CountryExamples } from '../country-policy';

/**
 * Hong Kong examples. HKID: the Immigration Department's sample A123456(3), and numbers with one- and two-letter
 * prefixes whose check character follows its published rule. Business Registration numbers as printed on certificates.
 */
export const examples: CountryExamples = {
  businessIds: {
    valid: ['12345678', '12345678-000-07-25-A', '51234567'],
    invalid: ['1234567', '123456789', '1234567A', '12345678-000-07', ''],
  },
  personalIds: {
    valid: ['A123456(3)', 'A1234563', 'G123456(A)', 'AB987654(3)', 'c668668(9)'],
    invalid: ['A123456(4)', 'K123456(4)', 'A12345(3)', '1234567(3)', 'ABC123456(3)'],
  },
  phones: {
    valid: ['+852 9123 4567', '5123 4567', '2123 4567', '+852 6123 4567'],
    invalid: ['+852 1234 5678', '+852 9123 456', '+853 6612 3456', ''],
  },
  addresses: [
    { parts: { street: '彌敦道123號', district: '旺角', city: '九龍' }, formatted: '香港九龍旺角彌敦道123號' },
    { parts: { street: '亞皆老街88號', city: '香港' }, formatted: '香港亞皆老街88號' },
    {
      parts: { street: '123 Nathan Road', district: 'Mong Kok', city: 'Kowloon' },
      formatted: '123 Nathan Road, Mong Kok, Kowloon, Hong Kong',
    },
  ],
  workingTime: {
    working: ['2026-03-02T10:00', '2026-04-08T17:00', '2027-01-04T09:00'],
    // Lunar New Year; Ching Ming (moved to Tuesday 7 April, Easter Monday being the 6th); the weekend; after six.
    notWorking: ['2026-02-17T10:00', '2026-04-07T10:00', '2026-03-07T10:00', '2026-03-02T18:30'],
  },
  money: [
    { minorUnits: 12345, formatted: 'HK$123.45' },
    { minorUnits: 100_000_000, formatted: 'HK$1,000,000.00' },
  ],
  search: {
    names: [
      '美心西餅',
      '大家樂',
      '華潤萬家',
      '萬寧',
      '屈臣氏',
      '翠華餐廳',
      '譚仔雲南米線',
      '麥當勞',
      '鴻福堂',
      '奇華餅家',
      '九記牛腩',
      '蘭芳園',
      '澳洲牛奶公司',
      '百佳超級市場',
      '星巴克咖啡(銅鑼灣店)',
      '鲜丰水果',
      '老王面馆',
      '东方书局',
    ],
    queries: [
      { q: '西饼', finds: ['美心西餅'] },
      { q: '美心西餅', finds: ['美心西餅'] },
      { q: '大家乐', finds: ['大家樂'] },
      { q: '华润', finds: ['華潤萬家'] },
      { q: '万家', finds: ['華潤萬家'] },
      { q: '万宁', finds: ['萬寧'] },
      { q: '翠华', finds: ['翠華餐廳'] },
      { q: '餐厅', finds: ['翠華餐廳'] },
      { q: '谭仔', finds: ['譚仔雲南米線'] },
      { q: '云南米线', finds: ['譚仔雲南米線'] },
      { q: '麦当劳', finds: ['麥當勞'] },
      { q: '鸿福', finds: ['鴻福堂'] },
      { q: '奇华饼家', finds: ['奇華餅家'] },
      { q: '饼', finds: ['美心西餅', '奇華餅家'] },
      { q: '九记', finds: ['九記牛腩'] },
      { q: '兰芳园', finds: ['蘭芳園'] },
      { q: '超级市场', finds: ['百佳超級市場'] },
      { q: '铜锣湾', finds: ['星巴克咖啡(銅鑼灣店)'] },
      { q: '鮮豐', finds: ['鲜丰水果'] },
      { q: '老王麵館', finds: ['老王面馆'] },
      { q: '東方書局', finds: ['东方书局'] },
      { q: '華', finds: ['華潤萬家', '翠華餐廳', '奇華餅家'] },
      { q: '牛', finds: ['九記牛腩', '澳洲牛奶公司'] },
      { q: '万', finds: ['華潤萬家', '萬寧'] },
      { q: '乐', finds: ['大家樂'] },
      { q: '屈臣氏', finds: ['屈臣氏'] },
    ],
  },
};
