import type { CountryDemo } from '../country-policy';
import { propertyText, randomDigits, randomOf } from '../shared/demo-random';
import { singapore } from './demo-places';

/** Singapore's demo: the URA planning areas, grouped by region; local companies' UENs. */
export const sgDemo: CountryDemo = {
  key: 'sg',
  city: 'Singapore',
  centre: { lat: 1.2903, lng: 103.8519 },
  spread: 0.06,
  placeDistance: { mean: 3500, max: 15_000 },
  extent: [103.55, 1.13, 104.15, 1.5],
  orgCities: ['Central Region', 'East Region'],
  territories: {
    file: new URL('./demo/singapore-planning-areas.geojson', import.meta.url),
    cityOf: (p) => propertyText(p.region, 'Singapore'),
    districtName: (p) => propertyText(p.name, '?'),
  },
  shopNames: ['Ah Huat Provision', 'Lucky Minimart', 'Golden Kopitiam', 'Sunrise Bakery', 'Tanjong Pharmacy', 'Orchid Florist'],
  shopStreets: ['Orchard Road', 'Bukit Timah Road', 'Geylang Road', 'Serangoon Road', 'Tampines Avenue 4'],
  legalSuffix: 'Pte Ltd',
  people: {
    givenNames: ['Wei Ling', 'Arjun', 'Siti', 'Marcus', 'Mei Hua', 'Ravi', 'Nurul', 'Daniel', 'Hui Min', 'Farid'],
    familyNames: ['Tan', 'Lim', 'Ng', 'Kumar', 'Rahman', 'Lee', 'Wong', 'Goh'],
    familyNameFirst: false,
  },
  phone: (r) => `+65 ${randomOf(r, ['8', '9'])}${randomDigits(r, 7)}`,
  // A local company's UEN: year of registration, five digits, a letter.
  businessId: (r) => `20${10 + Math.floor(r() * 15)}${randomDigits(r, 5)}${String.fromCharCode(65 + Math.floor(r() * 26))}`,
  places: singapore,
};
