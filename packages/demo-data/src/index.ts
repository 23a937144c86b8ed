import type { PlaceCategory } from '@fieldops/contracts';

// @fieldops/demo-data: the demo cities, shops, phones and reps the services' demo seeds share (deterministic).

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): the same seed gives the same demo data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[], fallback: T): T =>
  items[Math.floor(random() * items.length)] ?? fallback;

const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

export interface DemoCountry {
  country: 'SG' | 'CN' | 'ID' | 'BR';
  city: string;
  centre: { lat: number; lng: number };
  /** Spread around the centre, degrees. */
  spread: number;
  names: readonly string[];
  streets: readonly string[];
  phone: (random: () => number) => string;
}

/** The demo cities (the POI demo places' centres), with local names and valid mobile numbers. */
export const DEMO_COUNTRIES: readonly DemoCountry[] = [
  {
    country: 'SG',
    city: 'Singapore',
    centre: { lat: 1.2903, lng: 103.8519 },
    spread: 0.06,
    names: ['Ah Huat Provision', 'Lucky Minimart', 'Golden Kopitiam', 'Sunrise Bakery', 'Tanjong Pharmacy', 'Orchid Florist'],
    streets: ['Orchard Road', 'Bukit Timah Road', 'Geylang Road', 'Serangoon Road', 'Tampines Avenue 4'],
    phone: (r) => `+65 ${pick(r, ['8', '9'], '9')}${digits(r, 7)}`,
  },
  {
    country: 'CN',
    city: 'Shanghai',
    centre: { lat: 31.2304, lng: 121.4737 },
    spread: 0.08,
    names: ['好邻居便利店', '老王面馆', '新华书店', '康乐药房', '鲜果时光', '金福超市'],
    streets: ['南京西路', '淮海中路', '四川北路', '世纪大道', '肇嘉浜路'],
    phone: (r) => `+86 13${digits(r, 9)}`,
  },
  {
    country: 'ID',
    city: 'Jakarta',
    centre: { lat: -6.2, lng: 106.8456 },
    spread: 0.08,
    names: ['Warung Bu Sari', 'Toko Maju Jaya', 'Apotek Sehat', 'Bakso Pak Kumis', 'Minimarket Berkah', 'Kopi Kenangan Kita'],
    streets: ['Jalan Sudirman', 'Jalan Thamrin', 'Jalan Gatot Subroto', 'Jalan Kemang Raya', 'Jalan Fatmawati'],
    phone: (r) => `+62 812${digits(r, 8)}`,
  },
  {
    country: 'BR',
    city: 'São Paulo',
    centre: { lat: -23.5505, lng: -46.6333 },
    spread: 0.1,
    names: ['Padaria Pão Quente', 'Mercadinho São Jorge', 'Drogaria Vida', 'Bar do Zé', 'Empório Paulista', 'Açougue Boi Bom'],
    streets: ['Avenida Paulista', 'Rua Augusta', 'Rua Oscar Freire', 'Avenida Faria Lima', 'Rua da Consolação'],
    phone: (r) => `+55 11 9${digits(r, 8)}`,
  },
];

export const DEMO_CATEGORIES: readonly PlaceCategory[] = ['grocery', 'restaurant', 'pharmacy', 'cafe', 'retail'];

export const DEMO_REPS = 20;
export const repEmail = (country: string, n: number) => `rep${n}.${country.toLowerCase()}@fieldops.test`;
const REP_EMAIL = /^rep(\d+)\.([a-z]{2})@fieldops\.test$/;

/** Whether an email is one of the demo reps' (`rep1..20.<cc>@fieldops.test`). */
export function isDemoRep(email: string): boolean {
  const match = REP_EMAIL.exec(email);
  return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= DEMO_REPS;
}

/** A point near the city centre, denser in the middle. */
export function demoPoint(random: () => number, demo: DemoCountry): { lat: number; lng: number } {
  const angle = random() * 2 * Math.PI;
  const distance = demo.spread * Math.sqrt(random());
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { lat: round(demo.centre.lat + distance * Math.sin(angle)), lng: round(demo.centre.lng + distance * Math.cos(angle)) };
}

/** A number the country's policy accepts (E.164): draws again until one parses. */
export function demoPhone(random: () => number, demo: DemoCountry, parse: (phone: string) => string | null): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const phone = parse(demo.phone(random));
    if (phone !== null) return phone;
  }
  throw new Error(`no valid demo phone for ${demo.country}`);
}
