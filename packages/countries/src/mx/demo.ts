import type { CountryDemo } from '../country-policy';
import { propertyText, randomDigits, randomOf } from '../shared/demo-random';
import { mexicoCity } from './demo-places';
import { rfcCheckDigit } from './mexican-ids';

/** A company's RFC (persona moral): three letters, the date of incorporation, a homoclave and the check digit. */
function demoRfc(random: () => number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const letter = () => letters.charAt(Math.floor(random() * letters.length));
  const year = String(Math.floor(random() * 30) + 90).slice(-2);
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const body = `${letter()}${letter()}${letter()}${year}${month}${day}${letter()}${randomDigits(random, 1)}`;
  return `${body}${rfcCheckDigit(body)}`;
}

/** Mexico's demo: the alcaldías of Mexico City (and Guadalajara as the second city of the organisation). */
export const mxDemo: CountryDemo = {
  key: 'mexico-city',
  city: 'Mexico City',
  centre: { lat: 19.4326, lng: -99.1332 },
  spread: 0.1,
  placeDistance: { mean: 7000, max: 30_000 },
  extent: [-118.5, 14.5, -86.7, 32.8],
  orgCities: ['Ciudad de México', 'Guadalajara'],
  territories: {
    file: new URL('./demo/mexico-city-alcaldias.geojson', import.meta.url),
    cityOf: (p) => propertyText(p.parent, 'Ciudad de México'),
    districtName: (p) => propertyText(p.name, '?'),
  },
  shopNames: [
    'Taquería El Güero',
    'Abarrotes Doña Lupe',
    'Farmacia San Juan',
    'Panadería La Esperanza',
    'Café La Única',
    'Papelería El Sol',
  ],
  shopStreets: ['Av. Insurgentes Sur', 'Av. Paseo de la Reforma', 'Av. Álvaro Obregón', 'Calle Durango', 'Av. Cuauhtémoc'],
  legalSuffix: 'S.A. de C.V.',
  people: {
    givenNames: ['José', 'María', 'Juan', 'Guadalupe', 'Luis', 'Fernanda', 'Carlos', 'Daniela', 'Miguel', 'Sofía'],
    familyNames: ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez'],
    familyNameFirst: false,
  },
  phone: (r) => `+52 55 ${randomOf(r, ['1', '2', '3', '5', '6'])}${randomDigits(r, 7)}`,
  businessId: demoRfc,
  places: mexicoCity,
};
