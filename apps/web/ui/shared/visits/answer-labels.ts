import type { TFunction } from 'i18next';

/** An option id as country packs write them (`mercado_pago`): only such a value is looked up in the catalogues. */
const OPTION_ID = /^[a-z][a-z0-9_]*$/;

/** A check-out question in the user's language; the country pack's own label where the catalogues lack it. */
export function questionLabel(t: TFunction, id: string, packLabel?: string): string {
  return t(`fieldSync.questions.${id}`, { defaultValue: packLabel ?? id });
}

/**
 * A choice's option in the user's language: payment brands by their display name (支付宝 for `alipay`), the rest
 * translated. Free text is shown as written.
 */
export function optionLabel(t: TFunction, value: string): string {
  return OPTION_ID.test(value) ? t(`fieldSync.options.${value}`, { defaultValue: value }) : value;
}
