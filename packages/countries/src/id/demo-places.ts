import type { DemoVocabulary } from '../country-policy';

const CITIES = ['Jakarta Pusat', 'Jakarta Selatan', 'Jakarta Barat', 'Jakarta Timur', 'Jakarta Utara'];

export const jakarta: DemoVocabulary = {
  words: ['Sederhana', 'Bu Sri', 'Pak Budi', 'Sinar', 'Jaya', 'Makmur', 'Berkah', 'Sumber Rejeki', 'Mawar', 'Melati', 'Cahaya', 'Bintang'],
  neighbourhoods: ['Menteng', 'Kemang', 'Tebet', 'Kelapa Gading', 'Senayan', 'Blok M', 'Cikini', 'Grogol', 'Kuningan', 'Pluit'],
  streets: [
    'Jl. Jend. Sudirman',
    'Jl. M.H. Thamrin',
    'Jl. Gatot Subroto',
    'Jl. Kemang Raya',
    'Jl. Tebet Raya',
    'Jl. Boulevard Raya',
    'Jl. Cikini Raya',
    'Jl. Panglima Polim',
    'Jl. Pluit Karang',
    'Jl. Daan Mogot',
  ],
  names: {
    restaurant: ['Warung {w}', 'Rumah Makan {w}', 'Sate {w}', 'Bakso {w}', 'Nasi Goreng {w}', 'Soto {w}'],
    cafe: ['Kopi {w}', 'Kopi Kenangan ({place})', 'Janji Jiwa ({place})', 'Kedai Kopi {w}'],
    grocery: ['Toko Sembako {w}', 'Pasar {w}', 'Superindo ({place})'],
    convenience: ['Indomaret ({place})', 'Alfamart ({place})', 'Toko {w}'],
    bakery: ['Toko Roti {w}', 'Holland Bakery ({place})', 'Roti {w}'],
    pharmacy: ['Apotek {w}', 'Kimia Farma ({place})', 'Apotek K-24 ({place})'],
    beauty: ['Salon {w}', 'Barbershop {w}'],
    fitness: ['{w} Gym', 'Sanggar Senam {w}'],
    laundry: ['Laundry {w}', '{w} Laundry Kiloan'],
    retail: ['Toko Bangunan {w}', 'Toko Elektronik {w}', 'Optik {w}', 'Konter HP {w}'],
    service: ['Bengkel {w}', 'Servis HP {w}', 'Penjahit {w}'],
    other: ['Toko Bunga {w}', 'Fotokopi {w}'],
  },
  address: (pick) => `${pick.one(jakarta.streets)} No. ${pick.int(1, 250)}, ${pick.one(CITIES)}`,
  phone: (pick) =>
    pick.int(0, 3) === 0
      ? `+6221${pick.one(['5', '7', '8'])}${pick.digits(7)}`
      : `+62${pick.one(['812', '813', '857', '878'])}${pick.digits(8)}`,
};
