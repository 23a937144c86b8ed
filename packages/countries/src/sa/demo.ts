import type { CountryDemo } from '../country-policy';
import { randomDigits, randomOf } from '../shared/demo-random';
import { riyadh } from './demo-places';

/** Saudi Arabia's demo: Riyadh (and Jeddah as the second city of the organisation); no district boundaries shipped. */
export const saDemo: CountryDemo = {
  key: 'riyadh',
  city: 'Riyadh',
  centre: { lat: 24.7136, lng: 46.6753 },
  spread: 0.1,
  placeDistance: { mean: 7000, max: 30_000 },
  extent: [34.5, 16.3, 55.7, 32.2],
  orgCities: ['الرياض', 'جدة'],
  shopNames: ['بقالة النور', 'مطعم الشام', 'صيدلية الدواء', 'مخبز الأصالة', 'مقهى الواحة', 'تموينات البركة'],
  shopStreets: ['طريق الملك فهد', 'شارع العليا', 'طريق الملك عبدالله', 'شارع التحلية', 'شارع الثلاثين'],
  legalSuffix: 'ذ.م.م',
  people: {
    givenNames: ['محمد', 'عبدالله', 'فهد', 'نورة', 'سارة', 'خالد', 'ريم', 'فيصل', 'هيا', 'سلطان'],
    familyNames: ['العتيبي', 'القحطاني', 'الشمري', 'الحربي', 'الغامدي', 'الدوسري', 'الزهراني', 'المطيري'],
    familyNameFirst: false,
  },
  phone: (r) => `+966 5${randomOf(r, ['0', '3', '5', '6'])}${randomDigits(r, 7)}`,
  // A VAT registration number: 3, thirteen digits, 3.
  businessId: (r) => `3${randomDigits(r, 13)}3`,
  places: riyadh,
};
