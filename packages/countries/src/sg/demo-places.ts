import type { DemoVocabulary } from '../country-policy';

export const singapore: DemoVocabulary = {
  words: [
    'Ah Hock',
    'Lucky',
    'Golden',
    'Tan Brothers',
    'Jade',
    'Orchid',
    'Kampong',
    'Sunrise',
    'Mei Ling',
    'Rasa',
    'Ming Kee',
    'Heng Heng',
  ],
  neighbourhoods: [
    'Orchard',
    'Bugis',
    'Tampines',
    'Jurong East',
    'Toa Payoh',
    'Ang Mo Kio',
    'Bedok',
    'Clementi',
    'Raffles Place',
    'Serangoon',
  ],
  streets: [
    'Orchard Road',
    'North Bridge Road',
    'Tampines Avenue 4',
    'Ang Mo Kio Avenue 3',
    'Lorong 1 Toa Payoh',
    'Bedok North Street 1',
    'Clementi Avenue 2',
    'Serangoon Road',
    'Geylang Road',
    'Jurong West Street 42',
  ],
  names: {
    restaurant: ['{w} Chicken Rice', '{w} Nasi Lemak', '{w} Seafood Restaurant', '{w} Prata House', '{w} Kitchen'],
    cafe: ['{w} Kopitiam', '{w} Coffee', 'Ya Kun Kaya Toast ({place})', 'Toast Box ({place})', 'Starbucks ({place})'],
    grocery: ['{w} Mart', 'FairPrice ({place})', 'Sheng Siong ({place})', '{w} Provision Shop'],
    convenience: ['7-Eleven ({place})', 'Cheers ({place})', '{w} Minimart'],
    bakery: ['{w} Bakery', 'BreadTalk ({place})', '{w} Confectionery'],
    pharmacy: ['Guardian ({place})', 'Watsons ({place})', '{w} Pharmacy', '{w} Medical Hall'],
    beauty: ['{w} Hair Studio', '{w} Nail Spa', '{w} Beauty Salon'],
    fitness: ['{w} Fitness', 'Anytime Fitness ({place})', '{w} Yoga Studio'],
    laundry: ['{w} Laundry', '{w} Dry Cleaners'],
    retail: ['{w} Trading', '{w} Hardware', '{w} Optical', '{w} Mobile Shop'],
    service: ['{w} Tailor', '{w} Key & Shoe Repair', '{w} Phone Repair'],
    other: ['{w} Florist', '{w} Enterprise'],
  },
  address: (pick) =>
    `${pick.int(1, 999)} ${pick.one(singapore.streets)}, Singapore ${String(pick.int(1, 82)).padStart(2, '0')}${pick.digits(4)}`,
  // Mobiles 81–88xx and 91–98xx, fixed lines 61–65xx: ranges Singapore has issued.
  phone: (pick) => {
    const first = pick.one(['6', '8', '9']);
    return `+65${first}${pick.int(1, first === '6' ? 5 : 8)}${pick.digits(6)}`;
  },
};
