import type { DemoVocabulary } from '../country-policy';

const COLONIAS = [
  'Roma Norte',
  'Condesa',
  'Juárez',
  'Polanco',
  'Del Valle',
  'Narvarte',
  'Coyoacán',
  'Santa María la Ribera',
  'Escandón',
  'Doctores',
];

export const mexicoCity: DemoVocabulary = {
  words: [
    'Don Pepe',
    'La Güera',
    'El Güero',
    'San Juan',
    'Doña Lupe',
    'La Esperanza',
    'El Buen Gusto',
    'La Única',
    'Los Reyes',
    'El Sol',
    'La Luna',
    'Guadalupe',
  ],
  neighbourhoods: COLONIAS,
  streets: [
    'Av. Insurgentes Sur',
    'Av. Paseo de la Reforma',
    'Av. Álvaro Obregón',
    'Calle Durango',
    'Av. Cuauhtémoc',
    'Calle Orizaba',
    'Av. Universidad',
    'Eje Central Lázaro Cárdenas',
  ],
  names: {
    restaurant: ['Taquería {w}', 'Fonda {w}', 'Tortas {w}', 'Pozolería {w}', 'Antojitos {w}'],
    cafe: ['Café {w}', 'Cafebrería {w}', 'Cielito Querido ({place})'],
    grocery: ['Abarrotes {w}', 'Tienda {w}', 'Frutería {w}', 'Chedraui ({place})'],
    convenience: ['OXXO ({place})', '7-Eleven ({place})', 'Miscelánea {w}'],
    bakery: ['Panadería {w}', 'Pastelería {w}'],
    pharmacy: ['Farmacia {w}', 'Farmacias Similares ({place})', 'Farmacia del Ahorro ({place})'],
    beauty: ['Estética {w}', 'Barbería {w}'],
    fitness: ['Gimnasio {w}', 'Smart Fit ({place})'],
    laundry: ['Lavandería {w}', 'Tintorería {w}'],
    retail: ['Ferretería {w}', 'Papelería {w}', 'Óptica {w}', 'Celulares {w}'],
    service: ['Taller {w}', 'Reparación de celulares {w}', 'Sastrería {w}'],
    other: ['Florería {w}', 'Dulcería {w}'],
  },
  address: (pick) =>
    `${pick.one(mexicoCity.streets)} ${pick.int(1, 1999)}, ${pick.one(COLONIAS)}, ${pick.int(1000, 16999).toString().padStart(5, '0')} Ciudad de México, CDMX`,
  phone: (pick) => `+5255${pick.one(['1', '2', '3', '4', '5', '6', '7', '8', '9'])}${pick.digits(7)}`,
};
