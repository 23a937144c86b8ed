import type { CountryExamples } from '../country-policy';

/**
 * Mexican examples. RFCs of personas morales as published by SAT and the companies: SAT itself (SAT970701NN3), CFE
 * (CFE370814QI0), Pemex (PME380607P35), Walmart de México (WMT970714R10), BBVA México (BBA830831LJ2), Telmex
 * (TME840315KT6); personas físicas: SAT's example GODE561231GR8. CURPs: BOXW310820HNERXN09 and LOOA531113HTCPBN07.
 */
export const examples: CountryExamples = {
  businessIds: {
    valid: [
      'SAT970701NN3',
      'CFE370814QI0',
      'PME380607P35',
      'WMT970714R10',
      'BBA830831LJ2',
      'tme840315kt6',
      'GODE561231GR8',
      'MAB9307148T4',
    ],
    invalid: ['SAT970701NN4', 'CFE371314QI0', 'PME380607P3', 'GODE561231GR9', 'XAXX010101000', 'XEXX010101000', '1234567890123', ''],
  },
  personalIds: {
    valid: ['BOXW310820HNERXN09', 'LOOA531113HTCPBN07'],
    invalid: ['BOXW310820HNERXN08', 'BOXW311320HNERXN09', 'BOXW310820HZZRXN09', 'BOXW310820HNERXN0'],
  },
  phones: {
    valid: ['+52 55 1234 5678', '55 1234 5678', '+52 33 1234 5678', '+52 81 8123 4567'],
    invalid: ['+52 55 1234 567', '+1 415 555 2671', 'abc', ''],
  },
  addresses: [
    {
      parts: { street: 'Av. Paseo de la Reforma 222', district: 'Juárez', city: 'Ciudad de México', province: 'CDMX', postalCode: '06600' },
      formatted: 'Av. Paseo de la Reforma 222, Juárez, 06600 Ciudad de México, CDMX',
    },
    { parts: { street: 'Av. Vallarta 1500', city: 'Guadalajara', province: 'Jal.' }, formatted: 'Av. Vallarta 1500, Guadalajara, Jal.' },
  ],
  workingTime: {
    working: ['2026-03-17T10:00', '2026-09-15T17:30', '2027-02-02T09:00'],
    // Benito Juárez day (third Monday of March 2026); Independence Day; the weekend; after six.
    notWorking: ['2026-03-16T10:00', '2026-09-16T10:00', '2026-03-21T10:00', '2026-03-17T18:30'],
  },
  money: [
    { minorUnits: 12345, formatted: '$123.45' },
    { minorUnits: 100_000_000, formatted: '$1,000,000.00' },
  ],
  search: {
    names: ['Taquería El Güero', 'Panadería La Esperanza', 'Farmacia San Juan', 'Papelería Núñez'],
    queries: [
      { q: 'taqueria', finds: ['Taquería El Güero'] },
      { q: 'guero', finds: ['Taquería El Güero'] },
      { q: 'PANADERÍA', finds: ['Panadería La Esperanza'] },
      { q: 'nunez', finds: ['Papelería Núñez'] },
      { q: 'ria', finds: [] },
    ],
  },
};
