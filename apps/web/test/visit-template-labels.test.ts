import { COUNTRY_PACKS } from '@fieldops/countries';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../ui/shared/i18n/locales/en';

/**
 * Every question and every option of every country's visit templates has a label in the catalogues, so a visit's
 * answers read in the user's language (a payment brand by its name, never `mercado_pago`). English holds the keys;
 * the catalogue test makes every other language hold the same.
 */
const questions = COUNTRY_PACKS.flatMap((pack) =>
  Object.entries(pack.visitTemplates).flatMap(([visitType, list]) =>
    list.map((question) => ({ where: `${pack.identity.code} ${visitType} ${question.id}`, question })),
  ),
);
const { questions: questionLabels, options: optionLabels } = catalogue.fieldSync as {
  questions: Record<string, string>;
  options: Record<string, string>;
};

describe('visit template labels', () => {
  it('finds the templates of every country', () => {
    expect(new Set(questions.map(({ where }) => where.slice(0, 2))).size).toBe(COUNTRY_PACKS.length);
    expect(questions.some(({ question }) => question.type === 'choice')).toBe(true);
  });

  it('labels every question', () => {
    expect(questions.filter(({ question }) => !questionLabels[question.id]).map(({ where }) => where)).toEqual([]);
  });

  it('labels every option of every choice', () => {
    const missing = questions.flatMap(({ where, question }) =>
      question.type === 'choice' ? question.options.filter((option) => !optionLabels[option]).map((option) => `${where}: ${option}`) : [],
    );
    expect(missing).toEqual([]);
  });

  it('gives each option an id the labels are looked up by', () => {
    const options = questions.flatMap(({ question }) => (question.type === 'choice' ? question.options : []));
    expect(options.filter((option) => !/^[a-z][a-z0-9_]*$/.test(option))).toEqual([]);
  });
});
