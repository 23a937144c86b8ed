import type { DemoVocabulary } from '../country-policy';

const DISTRICTS = ['中西區', '灣仔區', '東區', '油尖旺區', '深水埗區', '九龍城區', '觀塘區', '沙田區'];

export const hongKong: DemoVocabulary = {
  words: ['金記', '華興', '新光', '永利', '大昌', '好運', '福臨', '嘉寶', '德昌', '興發', '祥記', '順景'],
  neighbourhoods: ['旺角', '銅鑼灣', '尖沙咀', '中環', '深水埗', '觀塘', '沙田', '荃灣', '北角', '紅磡'],
  streets: ['彌敦道', '軒尼詩道', '皇后大道中', '英皇道', '亞皆老街', '長沙灣道', '觀塘道', '德輔道中'],
  names: {
    restaurant: ['{w}茶餐廳', '{w}燒臘', '{w}粥麵', '{w}酒家', '大家樂（{place}）'],
    cafe: ['{w}咖啡', '星巴克（{place}）', '{w}冰室'],
    grocery: ['{w}士多', '百佳（{place}）', '惠康（{place}）', '{w}生果'],
    convenience: ['7-Eleven（{place}）', 'OK便利店（{place}）', '{w}便利店'],
    bakery: ['{w}餅家', '美心西餅（{place}）', '{w}麵包'],
    pharmacy: ['{w}藥房', '萬寧（{place}）', '屈臣氏（{place}）'],
    beauty: ['{w}髮型屋', '{w}美容'],
    fitness: ['{w}健身', '{w}瑜伽'],
    laundry: ['{w}洗衣', '{w}乾洗'],
    retail: ['{w}五金', '{w}眼鏡', '{w}手機'],
    service: ['{w}維修', '{w}裁縫', '{w}配匙'],
    other: ['{w}花店', '{w}文具'],
  },
  address: (pick) => `香港${pick.one(DISTRICTS)}${pick.one(hongKong.streets)}${pick.int(1, 999)}號`,
  phone: (pick) =>
    pick.int(0, 3) === 0
      ? `+8522${pick.one(['3', '5', '7', '8'])}${pick.digits(6)}`
      : `+852${pick.one(['61', '63', '64', '65', '69', '94', '96', '97'])}${pick.digits(6)}`,
};
