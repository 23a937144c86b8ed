import type { DemoVocabulary } from '../country-policy';

const DISTRICTS = ['黄浦区', '徐汇区', '静安区', '长宁区', '浦东新区', '虹口区', '杨浦区', '普陀区'];

export const shanghai: DemoVocabulary = {
  words: ['老王', '阿娘', '小杨', '沈大成', '王家沙', '张记', '李氏', '金牌', '福满', '鸿运', '和平', '阿三'],
  neighbourhoods: ['人民广场', '南京西路', '徐家汇', '陆家嘴', '静安寺', '五角场', '中山公园', '打浦桥', '七宝', '虹桥'],
  streets: ['南京东路', '淮海中路', '四川北路', '肇嘉浜路', '张杨路', '漕溪北路', '长宁路', '天目西路', '大连路', '曹杨路'],
  names: {
    restaurant: ['{w}面馆', '{w}生煎', '{w}小笼包', '{w}本帮菜', '{w}火锅', '{w}饺子馆'],
    cafe: ['{w}咖啡', '星巴克（{place}店）', '瑞幸咖啡（{place}店）', '{w}茶饮'],
    grocery: ['{w}生鲜', '联华超市（{place}店）', '{w}菜场', '盒马鲜生（{place}店）'],
    convenience: ['全家（{place}店）', '罗森（{place}店）', '好德便利（{place}店）', '{w}便利店'],
    bakery: ['{w}面包房', '85度C（{place}店）', '{w}糕点'],
    pharmacy: ['{w}大药房', '老百姓大药房（{place}店）', '{w}药店'],
    beauty: ['{w}美发', '{w}美甲', '{w}美容院'],
    fitness: ['{w}健身', '{w}瑜伽馆'],
    laundry: ['{w}洗衣店', '{w}干洗'],
    retail: ['{w}五金店', '{w}眼镜店', '{w}手机店', '{w}服饰'],
    service: ['{w}修鞋配钥匙', '{w}手机维修', '{w}裁缝店'],
    other: ['{w}花店', '{w}文具店'],
  },
  address: (pick) => `上海市${pick.one(DISTRICTS)}${pick.one(shanghai.streets)}${pick.int(1, 1999)}号`,
  phone: (pick) =>
    pick.int(0, 3) === 0
      ? `+8621${pick.one(['5', '6'])}${pick.digits(7)}`
      : `+86${pick.one(['138', '139', '186', '150'])}${pick.digits(8)}`,
};
