import type { Catalogue } from './en';

export const zhCN: Catalogue = {
  app: { console: 'FieldOps 管理台', field: 'FieldOps 外勤' },
  common: {
    loading: '加载中…',
    save: '保存',
    cancel: '取消',
    retry: '重试',
    none: '暂无数据。',
    error: '出错了：{{message}}',
    language: '语言',
    signOut: '退出登录',
    search: '搜索',
    all: '全部',
  },
  login: {
    title: '登录',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    failed: '邮箱或密码错误。',
  },
  nav: {
    dashboard: '概览',
    map: '地图',
    merchants: '商户',
    leads: '线索',
    areas: '区域',
    reviews: '拜访审核',
    admin: '用户与角色',
  },
  field: {
    tabs: { myDay: '我的一天', nearby: '附近', newLead: '新建线索', queue: '待同步' },
    myDay: { title: '我的一天' },
  },
  dashboard: {
    title: '概览',
    greeting: '欢迎，{{name}}',
  },
};
