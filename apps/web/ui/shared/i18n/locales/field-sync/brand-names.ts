/**
 * Payment brands a visit template offers as options, by the name each brand writes in every language. The
 * brands whose name a language writes its own way (支付宝, مدى, พร้อมเพย์) are in that language's `options`.
 */
export const BRAND_NAMES = {
  cielo: 'Cielo',
  stone: 'Stone',
  rede: 'Rede',
  getnet: 'Getnet',
  alipayhk: 'AlipayHK',
  payme: 'PayMe',
  clip: 'Clip',
  mercado_pago: 'Mercado Pago',
  bbva: 'BBVA',
  stc_pay: 'STC Pay',
  geidea: 'Geidea',
  truemoney: 'TrueMoney',
} as const;

/** Catalogue keys of options written as in English, for a language's `sameAsEnglish`. */
export function sameOptionKeys(...ids: string[]): string[] {
  return ids.map((id) => `fieldSync.options.${id}`);
}

/** The keys of every brand in `BRAND_NAMES`: the same text in every language by design. */
export const BRAND_NAME_KEYS = sameOptionKeys(...Object.keys(BRAND_NAMES));
