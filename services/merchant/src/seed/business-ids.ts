const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

/** A valid 统一社会信用代码: enterprise (91), a Shanghai district code, an organisation code and the check character. */
export function demoUscc(random: () => number): string {
  let body = `91310${100 + Math.floor(random() * 20)}`;
  for (let i = 0; i < 9; i++) body += USCC_CHARSET.charAt(Math.floor(random() * USCC_CHARSET.length));
  let sum = 0;
  let weight = 1;
  for (const char of body) {
    sum += USCC_CHARSET.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  return body + USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

function cnpjDigit(base: string, weights: readonly number[]): number {
  const sum = weights.reduce((s, w, i) => s + (base.charCodeAt(i) - 48) * w, 0);
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** A valid CNPJ (head office 0001) with both check digits, formatted 00.000.000/0001-00. */
export function demoCnpj(random: () => number): string {
  const base = `${1 + Math.floor(random() * 9)}${digits(random, 7)}0001`;
  const first = cnpjDigit(base, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = cnpjDigit(`${base}${first}`, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const all = `${base}${first}${second}`;
  return `${all.slice(0, 2)}.${all.slice(2, 5)}.${all.slice(5, 8)}/${all.slice(8, 12)}-${all.slice(12)}`;
}

/** A local company's UEN (year of registration, five digits, a letter). */
export function demoUen(random: () => number): string {
  return `20${10 + Math.floor(random() * 15)}${digits(random, 5)}${String.fromCharCode(65 + Math.floor(random() * 26))}`;
}

/** A 15-digit NPWP, formatted 00.000.000.0-000.000. */
export function demoNpwp(random: () => number): string {
  const d = digits(random, 15);
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d.slice(8, 9)}-${d.slice(9, 12)}.${d.slice(12)}`;
}

export const DEMO_BUSINESS_IDS: Record<string, (random: () => number) => string> = {
  SG: demoUen,
  CN: demoUscc,
  ID: demoNpwp,
  BR: demoCnpj,
};
