import { MERCHANT_STATUSES } from '@fieldops/contracts';
import { describe, expect, it } from 'vitest';
import { isSameMerchant } from '../src/domain/merchant-duplicate';
import { canTransition, nextStatuses } from '../src/domain/merchant-status';
import { missingOnboardingDocuments, onboardingDocumentProblems } from '../src/domain/onboarding-documents';

describe('the merchant status machine', () => {
  it.each([
    ['onboarding', 'active'],
    ['active', 'suspended'],
    ['active', 'churned'],
    ['suspended', 'active'],
    ['suspended', 'churned'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('allows nothing else, and churned is final', () => {
    const allowed = MERCHANT_STATUSES.flatMap((from) =>
      MERCHANT_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed).toHaveLength(5);
    expect(nextStatuses('churned')).toEqual([]);
    expect(canTransition('onboarding', 'churned')).toBe(false);
    expect(canTransition('active', 'active')).toBe(false);
  });
});

describe('the same store twice', () => {
  const store = {
    country: 'SG',
    businessId: '201811111K',
    placeId: null,
    names: ['Twice Kopitiam', 'Twice Kopitiam Pte Ltd'],
    lat: 1.301,
    lng: 103.84,
  };

  it('is the same business id, the same name and the same spot or place', () => {
    expect(isSameMerchant({ ...store, names: ['TWICE kopitiam'] }, store)).toBe(true);
    expect(isSameMerchant({ ...store, placeId: 'p1', lat: 1.3012 }, { ...store, placeId: 'p1' })).toBe(true);
  });

  it('is not another outlet of the company, another name, another business id or another country', () => {
    expect(isSameMerchant({ ...store, lat: 1.31 }, store)).toBe(false);
    expect(isSameMerchant({ ...store, placeId: 'p2' }, { ...store, placeId: 'p1' })).toBe(false);
    expect(isSameMerchant({ ...store, names: ['Other Kopitiam'] }, store)).toBe(false);
    expect(isSameMerchant({ ...store, businessId: '201822222K' }, store)).toBe(false);
    expect(isSameMerchant({ ...store, country: 'MY' }, store)).toBe(false);
  });
});

describe('onboarding documents', () => {
  const required = ['acra_bizfile', 'storefront_photo'];

  it('are missing until each required kind names a file among the documents', () => {
    expect(missingOnboardingDocuments({}, required, [])).toEqual(required);
    expect(missingOnboardingDocuments({ acra_bizfile: 'f1', storefront_photo: 'f2' }, required, ['f1'])).toEqual(['storefront_photo']);
    expect(missingOnboardingDocuments({ acra_bizfile: 'f1', storefront_photo: 'f2' }, required, ['f1', 'f2'])).toEqual([]);
  });

  it('name a kind the country does not ask for, or a file that is not a document', () => {
    expect(onboardingDocumentProblems({ nib: 'f1', acra_bizfile: 'f9' }, required, ['f1']).map((p) => p.kind)).toEqual([
      'nib',
      'acra_bizfile',
    ]);
  });
});
