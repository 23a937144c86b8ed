/**
 * Realistic merchant names and addresses (Shanghai and one Beijing shop), and the Chinese search test set over them:
 * queries of one, two and three or more characters, mixed Chinese/Latin and pinyin, each with the documents it must
 * find (by number) — no more, no fewer.
 */
export const CHINESE_MERCHANTS: Record<number, { title: string; address: string }> = {
  1: { title: '星巴克咖啡(南京西路店)', address: '上海市静安区南京西路1601号' },
  2: { title: '瑞幸咖啡(陆家嘴店)', address: '上海市浦东新区陆家嘴环路1000号' },
  3: { title: '海底捞火锅(人民广场店)', address: '上海市黄浦区西藏中路268号' },
  4: { title: '小杨生煎(吴江路店)', address: '上海市静安区吴江路269号' },
  5: { title: '全家便利店(徐家汇店)', address: '上海市徐汇区漕溪北路88号' },
  6: { title: '罗森便利店(淮海中路店)', address: '上海市黄浦区淮海中路300号' },
  7: { title: '鲜丰水果(长寿路店)', address: '上海市普陀区长寿路155号' },
  8: { title: '老盛昌汤包(复兴中路店)', address: '上海市徐汇区复兴中路1200号' },
  9: { title: '一点点奶茶(五角场店)', address: '上海市杨浦区淞沪路77号' },
  10: { title: '大众书局(福州路店)', address: '上海市黄浦区福州路345号' },
  11: { title: '北京烤鸭店', address: '北京市东城区王府井大街88号' },
  12: { title: '麦当劳(虹桥火车站店)', address: '上海市闵行区申贵路1500号' },
  13: { title: '肯德基(南京东路店)', address: '上海市黄浦区南京东路800号' },
  14: { title: '喜茶HEYTEA(来福士店)', address: '上海市黄浦区西藏中路268号来福士广场' },
  15: { title: '华联超市(曹杨路店)', address: '上海市普陀区曹杨路500号' },
  16: { title: '沙县小吃', address: '上海市长宁区天山路33号' },
  17: { title: '兰州拉面', address: '上海市长宁区愚园路1000号' },
  18: { title: '光明邨大酒家', address: '上海市黄浦区淮海中路588号' },
  19: { title: '上海第一食品商店', address: '上海市黄浦区南京东路720号' },
  20: { title: '王家沙点心店', address: '上海市静安区南京西路805号' },
  21: { title: '杏花楼', address: '上海市黄浦区福州路343号' },
  22: { title: '海上阿叔本帮菜', address: '上海市徐汇区天钥桥路100号' },
  23: { title: '龙华寺素斋', address: '上海市徐汇区龙华路2853号' },
  24: { title: '7-Eleven便利店(静安寺店)', address: '上海市静安区南京西路1788号' },
};

export const CHINESE_QUERIES: { q: string; hits: number[] }[] = [
  // one character
  { q: '茶', hits: [9, 14] },
  { q: '鸭', hits: [11] },
  { q: '菜', hits: [22] },
  { q: '寺', hits: [23, 24] },
  { q: '火', hits: [3, 12] },
  { q: '面', hits: [17] },
  { q: '书', hits: [10] },
  { q: '楼', hits: [21] },
  { q: '汤', hits: [8] },
  { q: '闵', hits: [12] },
  // two characters
  { q: '咖啡', hits: [1, 2] },
  { q: '南京', hits: [1, 13, 19, 20, 24] },
  { q: '便利', hits: [5, 6, 24] },
  { q: '徐汇', hits: [5, 8, 22, 23] },
  { q: '黄浦', hits: [3, 6, 10, 13, 14, 18, 19, 21] },
  { q: '火锅', hits: [3] },
  { q: '奶茶', hits: [9] },
  { q: '超市', hits: [15] },
  { q: '北京', hits: [11] },
  { q: '长宁', hits: [16, 17] },
  { q: '福州', hits: [10, 21] },
  { q: '海上', hits: [22] },
  // three and more characters
  { q: '南京西路', hits: [1, 20, 24] },
  { q: '星巴克', hits: [1] },
  { q: '海底捞', hits: [3] },
  { q: '淮海中路', hits: [6, 18] },
  { q: '便利店', hits: [5, 6, 24] },
  { q: '人民广场', hits: [3] },
  { q: '陆家嘴环路', hits: [2] },
  { q: '上海第一食品', hits: [19] },
  { q: '复兴中路1200号', hits: [8] },
  { q: '西藏中路268号', hits: [3, 14] },
  // mixed Chinese and Latin, spaces, case
  { q: '喜茶heytea', hits: [14] },
  { q: 'HEYTEA', hits: [14] },
  { q: '7-eleven', hits: [24] },
  { q: '星巴克 南京西路', hits: [1] },
  { q: '麦当劳 虹桥', hits: [12] },
  // pinyin (full and initials)
  { q: 'xingbake', hits: [1] },
  { q: 'hdl', hits: [3] },
  // nothing
  { q: '广州', hits: [] },
  { q: '咖啡豆', hits: [] },
];
