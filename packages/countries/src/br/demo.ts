import type { CountryDemo } from '../country-policy';
import { propertyText, randomDigits } from '../shared/demo-random';
import { cnpjCheckDigits } from './cnpj';
import { saoPaulo } from './demo-places';

/** A valid CNPJ (head office 0001) with both check digits, formatted 00.000.000/0001-00. */
function demoCnpj(random: () => number): string {
  const base = `${1 + Math.floor(random() * 9)}${randomDigits(random, 7)}0001`;
  const all = `${base}${cnpjCheckDigits(base)}`;
  return `${all.slice(0, 2)}.${all.slice(2, 5)}.${all.slice(5, 8)}/${all.slice(8, 12)}-${all.slice(12)}`;
}

/** Brazil's demo: São Paulo's distritos (and Campinas as the second city of the organisation). */
export const brDemo: CountryDemo = {
  key: 'sao-paulo',
  city: 'São Paulo',
  centre: { lat: -23.5505, lng: -46.6333 },
  spread: 0.1,
  placeDistance: { mean: 6000, max: 30_000 },
  extent: [-74.0, -33.8, -34.7, 5.3],
  orgCities: ['São Paulo', 'Campinas'],
  territories: {
    file: new URL('./demo/sao-paulo-distritos.geojson', import.meta.url),
    cityOf: () => 'São Paulo',
    districtName: (p) => propertyText(p.name, '?'),
  },
  shopNames: ['Padaria Pão Quente', 'Mercadinho São Jorge', 'Drogaria Vida', 'Bar do Zé', 'Empório Paulista', 'Açougue Boi Bom'],
  shopStreets: ['Avenida Paulista', 'Rua Augusta', 'Rua Oscar Freire', 'Avenida Faria Lima', 'Rua da Consolação'],
  legalSuffix: 'Ltda',
  people: {
    givenNames: ['Ana', 'João', 'Maria', 'Pedro', 'Juliana', 'Lucas', 'Camila', 'Rafael', 'Beatriz', 'Gabriel'],
    familyNames: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Costa', 'Ferreira'],
    familyNameFirst: false,
  },
  phone: (r) => `+55 11 9${randomDigits(r, 8)}`,
  businessId: demoCnpj,
  places: saoPaulo,
};
