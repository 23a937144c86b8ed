import { getCountryPolicy } from '@fieldops/countries';
import { workflow } from './workflow';

// The performance service names the rep in each event, so these workflows only word the notice.

type Words = 'en' | 'zh-CN' | 'pt-BR' | 'id';

const METRIC_WORDS: Record<Words, Record<string, string>> = {
  en: {
    'verified-visits': 'verified visits',
    'leads-captured': 'leads captured',
    'leads-converted': 'leads converted',
    'merchants-activated': 'merchants activated',
    'merchants-retained': 'merchants retained',
  },
  'zh-CN': {
    'verified-visits': '有效拜访',
    'leads-captured': '新增线索',
    'leads-converted': '线索转化',
    'merchants-activated': '商户激活',
    'merchants-retained': '商户留存',
  },
  'pt-BR': {
    'verified-visits': 'visitas verificadas',
    'leads-captured': 'leads captados',
    'leads-converted': 'leads convertidos',
    'merchants-activated': 'lojistas ativados',
    'merchants-retained': 'lojistas retidos',
  },
  id: {
    'verified-visits': 'kunjungan terverifikasi',
    'leads-captured': 'prospek baru',
    'leads-converted': 'prospek terkonversi',
    'merchants-activated': 'merchant diaktifkan',
    'merchants-retained': 'merchant bertahan',
  },
};

const metric = (words: Words, name: string) => METRIC_WORDS[words][name] ?? name;

interface Amount {
  currency: string;
  totalMinor: number;
  minorUnits: number;
}

/** Minor units as a decimal string (no floating point on money), formatted in the reader's language. */
function money(locale: string, { currency, totalMinor, minorUnits }: Amount): string {
  const abs = Math.abs(totalMinor);
  const scale = 10 ** minorUnits;
  const decimal = `${totalMinor < 0 ? '-' : ''}${Math.floor(abs / scale)}${minorUnits > 0 ? `.${String(abs % scale).padStart(minorUnits, '0')}` : ''}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(decimal as Intl.StringNumericLiteral);
}

/** A rep's statement for a closed month is ready (frozen). */
export const statementReady = workflow({
  name: 'statement-ready',
  trigger: 'performance.statement.closed.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event) {
    const { userId, month, currency, totalMinor, country } = event.data;
    const facts = { month, currency, totalMinor, minorUnits: getCountryPolicy(country).currencyMinorUnits };
    return { userIds: [userId], facts, link: `/field/performance?period=${month}` };
  },
  templates: {
    en: (f) => ({ title: `Your ${f.month} statement is ready`, body: `The month is closed: you earned ${money('en', f)}.` }),
    'zh-CN': (f) => ({ title: `您的 ${f.month} 激励结算单已生成`, body: `本月已结算：您的收入为 ${money('zh-CN', f)}。` }),
    'pt-BR': (f) => ({ title: `Seu extrato de ${f.month} está pronto`, body: `O mês foi fechado: você ganhou ${money('pt-BR', f)}.` }),
    id: (f) => ({ title: `Laporan ${f.month} Anda sudah siap`, body: `Bulan ini sudah ditutup: Anda memperoleh ${money('id', f)}.` }),
  },
});

/** A rep passed their target (100%) for a period. */
export const targetReached = workflow({
  name: 'target-reached',
  trigger: 'performance.target.reached.v1',
  severity: 'normal',
  channels: ['push'],
  async audience(event) {
    const { userId, metric: name, period, value, target } = event.data;
    return { userIds: [userId], facts: { metric: name, period, value, goal: target }, link: `/field/performance?period=${period}` };
  },
  templates: {
    en: (f) => ({
      title: `You passed 100%: ${metric('en', f.metric)}`,
      body: `${f.value} of ${f.goal} ${metric('en', f.metric)} in ${f.period}.`,
    }),
    'zh-CN': (f) => ({
      title: `您已完成目标：${metric('zh-CN', f.metric)}`,
      body: `${f.period} ${metric('zh-CN', f.metric)}已达 ${f.value}/${f.goal}。`,
    }),
    'pt-BR': (f) => ({
      title: `Você passou de 100%: ${metric('pt-BR', f.metric)}`,
      body: `${f.value} de ${f.goal} ${metric('pt-BR', f.metric)} em ${f.period}.`,
    }),
    id: (f) => ({
      title: `Anda melewati 100%: ${metric('id', f.metric)}`,
      body: `${f.value} dari ${f.goal} ${metric('id', f.metric)} pada ${f.period}.`,
    }),
  },
});

interface Attainment {
  metric: string;
  period: string;
  value: number;
  target: number;
}

/** "verified visits 12/40 (30%) in 2026-12", one per target, in the reader's words; whole percent, rounded down. */
function attainmentLines(words: Words, attainment: Attainment[], line: (a: Attainment, name: string, percent: number) => string) {
  return attainment.map((a) => line(a, metric(words, a.metric), Math.floor((a.value * 100) / a.target)));
}

/** A rep who turned it on is told, each evening, how far they are towards each target of the running periods. */
export const dailyAttainment = workflow({
  name: 'daily-attainment',
  trigger: 'performance.attainment.daily.v1',
  severity: 'normal',
  optIn: true,
  channels: ['push', 'email'],
  async audience(event) {
    const { userId, date, attainment } = event.data;
    const month = attainment.find((a) => /^\d{4}-\d{2}$/.test(a.period))?.period;
    return { userIds: [userId], facts: { date, attainment }, link: `/field/performance${month ? `?period=${month}` : ''}` };
  },
  templates: {
    en: (f) => ({
      title: `Your targets so far (${f.date})`,
      body: attainmentLines('en', f.attainment, (a, name, p) => `${name}: ${a.value} of ${a.target} (${p}%) in ${a.period}`).join('\n'),
    }),
    'zh-CN': (f) => ({
      title: `目标完成进度（${f.date}）`,
      body: attainmentLines('zh-CN', f.attainment, (a, name, p) => `${a.period} ${name}：${a.value}/${a.target}（${p}%）`).join('\n'),
    }),
    'pt-BR': (f) => ({
      title: `Suas metas até agora (${f.date})`,
      body: attainmentLines('pt-BR', f.attainment, (a, name, p) => `${name}: ${a.value} de ${a.target} (${p}%) em ${a.period}`).join('\n'),
    }),
    id: (f) => ({
      title: `Capaian target Anda sejauh ini (${f.date})`,
      body: attainmentLines('id', f.attainment, (a, name, p) => `${name}: ${a.value} dari ${a.target} (${p}%) pada ${a.period}`).join('\n'),
    }),
  },
});

/**
 * Who closes a country's pay periods: closing needs `performance:incentives` within the period's country, and the
 * built-in role carrying it with a country's scope is `country_manager` (the admin holds every permission but sees
 * every country, so is not told of each one's periods). They sit in the country's top org unit.
 */
const PERIOD_CLOSERS = ['country_manager'] as const;

interface ClosingFacts {
  month: string;
  /** The period's last instant, so its date reads as the last day (not the next month's first). */
  lastMoment: number;
  daysLeft: number;
}

/** A country's pay period ends within a few days (or has just ended) and is not closed: its closers get ready. */
export const periodClosing = workflow({
  name: 'period-closing',
  trigger: 'performance.period.closing.v1',
  severity: 'normal',
  channels: ['email'],
  async audience(event, lookups) {
    const { orgUnitIds, month, endsAt, daysLeft } = event.data;
    const holders = await Promise.all(orgUnitIds.flatMap((unit) => PERIOD_CLOSERS.map((role) => lookups.usersWithRole(unit, role))));
    const userIds = [...new Set(holders.flat())];
    if (userIds.length === 0) return undefined;
    const facts: ClosingFacts = { month, lastMoment: Date.parse(endsAt) - 1, daysLeft };
    return { userIds, facts, link: '/console/performance' };
  },
  templates: {
    en: (f, format) =>
      f.daysLeft > 0
        ? {
            title: `Pay period ${f.month} ends in ${f.daysLeft} ${f.daysLeft === 1 ? 'day' : 'days'}`,
            body: `Its last day is ${format.date(f.lastMoment)}. Once it is over, close it in Performance to freeze the reps' statements.`,
          }
        : {
            title: `Pay period ${f.month} is over and not closed`,
            body: `It ended ${format.date(f.lastMoment)}. Close it in Performance to freeze the reps' statements.`,
          },
    'zh-CN': (f, format) =>
      f.daysLeft > 0
        ? {
            title: `${f.month} 结算周期将在 ${f.daysLeft} 天后结束`,
            body: `最后一天为 ${format.date(f.lastMoment)}。结束后请在“业绩”中结算本月，冻结业务员的结算单。`,
          }
        : {
            title: `${f.month} 结算周期已结束，尚未结算`,
            body: `该周期已于 ${format.date(f.lastMoment)} 结束。请在“业绩”中结算本月，冻结业务员的结算单。`,
          },
    'pt-BR': (f, format) =>
      f.daysLeft > 0
        ? {
            title: `O período ${f.month} termina em ${f.daysLeft} ${f.daysLeft === 1 ? 'dia' : 'dias'}`,
            body: `O último dia é ${format.date(f.lastMoment)}. Quando terminar, feche-o em Desempenho para congelar os extratos dos vendedores.`,
          }
        : {
            title: `O período ${f.month} terminou e não foi fechado`,
            body: `Ele terminou em ${format.date(f.lastMoment)}. Feche-o em Desempenho para congelar os extratos dos vendedores.`,
          },
    id: (f, format) =>
      f.daysLeft > 0
        ? {
            title: `Periode ${f.month} berakhir dalam ${f.daysLeft} hari`,
            body: `Hari terakhirnya ${format.date(f.lastMoment)}. Setelah berakhir, tutup periode ini di Kinerja untuk membekukan laporan para sales.`,
          }
        : {
            title: `Periode ${f.month} sudah berakhir dan belum ditutup`,
            body: `Periode ini berakhir ${format.date(f.lastMoment)}. Tutup periode ini di Kinerja untuk membekukan laporan para sales.`,
          },
  },
});
