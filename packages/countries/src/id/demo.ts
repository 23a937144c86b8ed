import type { CountryDemo } from '../country-policy';
import { propertyText, randomDigits } from '../shared/demo-random';
import { jakarta } from './demo-places';

/** Indonesia's demo: Jakarta's kota administrasi (and Bandung as the second city of the organisation). */
export const idDemo: CountryDemo = {
  key: 'jakarta',
  city: 'Jakarta',
  centre: { lat: -6.2, lng: 106.8456 },
  spread: 0.08,
  placeDistance: { mean: 5000, max: 25_000 },
  extent: [94.9, -11.1, 141.1, 6.1],
  orgCities: ['Jakarta', 'Bandung'],
  territories: {
    file: new URL('./demo/jakarta-kota-administrasi.geojson', import.meta.url),
    cityOf: () => 'Jakarta',
    districtName: (p) => propertyText(p.name, '?'),
  },
  shopNames: ['Warung Bu Sari', 'Toko Maju Jaya', 'Apotek Sehat', 'Bakso Pak Kumis', 'Minimarket Berkah', 'Kopi Kenangan Kita'],
  shopStreets: ['Jalan Sudirman', 'Jalan Thamrin', 'Jalan Gatot Subroto', 'Jalan Kemang Raya', 'Jalan Fatmawati'],
  legalSuffix: 'PT',
  people: {
    givenNames: ['Budi', 'Siti', 'Agus', 'Dewi', 'Rudi', 'Putri', 'Eko', 'Ayu', 'Hendra', 'Rina'],
    familyNames: ['Santoso', 'Wijaya', 'Saputra', 'Hidayat', 'Pratama', 'Kusuma', 'Nugroho', 'Lestari'],
    familyNameFirst: false,
  },
  phone: (r) => `+62 812${randomDigits(r, 8)}`,
  // A 15-digit NPWP, formatted 00.000.000.0-000.000.
  businessId: (r) => {
    const d = randomDigits(r, 15);
    return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d.slice(8, 9)}-${d.slice(9, 12)}.${d.slice(12)}`;
  },
  places: jakarta,
};
