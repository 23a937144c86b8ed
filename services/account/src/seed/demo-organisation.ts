/** The demo organisation seeded on a first embedded start: per country, two cities with two teams each. */
export interface DemoCountry {
  code: 'CN' | 'SG' | 'ID' | 'BR';
  name: string;
  cities: [string, string];
  /** Given and family names to make people from; phones are made valid for the country. */
  givenNames: string[];
  familyNames: string[];
  phonePrefix: string;
  phoneDigits: number;
}

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_COUNTRIES: DemoCountry[] = [
  {
    code: 'SG',
    name: 'Singapore',
    cities: ['Central Region', 'East Region'],
    givenNames: ['Wei Ling', 'Arjun', 'Siti', 'Marcus', 'Mei Hua', 'Ravi', 'Nurul', 'Daniel', 'Hui Min', 'Farid'],
    familyNames: ['Tan', 'Lim', 'Ng', 'Kumar', 'Rahman', 'Lee', 'Wong', 'Goh'],
    phonePrefix: '+658',
    phoneDigits: 7,
  },
  {
    code: 'CN',
    name: 'China',
    cities: ['上海', '杭州'],
    givenNames: ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰'],
    familyNames: ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'],
    phonePrefix: '+86138',
    phoneDigits: 8,
  },
  {
    code: 'ID',
    name: 'Indonesia',
    cities: ['Jakarta', 'Bandung'],
    givenNames: ['Budi', 'Siti', 'Agus', 'Dewi', 'Rudi', 'Putri', 'Eko', 'Ayu', 'Hendra', 'Rina'],
    familyNames: ['Santoso', 'Wijaya', 'Saputra', 'Hidayat', 'Pratama', 'Kusuma', 'Nugroho', 'Lestari'],
    phonePrefix: '+62812',
    phoneDigits: 8,
  },
  {
    code: 'BR',
    name: 'Brazil',
    cities: ['São Paulo', 'Campinas'],
    givenNames: ['Ana', 'João', 'Maria', 'Pedro', 'Juliana', 'Lucas', 'Camila', 'Rafael', 'Beatriz', 'Gabriel'],
    familyNames: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Costa', 'Ferreira'],
    phonePrefix: '+55119',
    phoneDigits: 8,
  },
];

export const TEAM_NAMES = ['North', 'South'] as const;
export const REPS_PER_TEAM = 5;
