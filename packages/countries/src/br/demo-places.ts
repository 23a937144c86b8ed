import type { DemoVocabulary } from '../country-policy';

export const saoPaulo: DemoVocabulary = {
  words: [
    'São João',
    'Bom Gosto',
    'Santa Luzia',
    'Dona Maria',
    'Paulista',
    'Estrela',
    'Boa Vista',
    'Primavera',
    'Central',
    'Real',
    'Nova Era',
    'Do Bairro',
  ],
  neighbourhoods: ['Pinheiros', 'Moema', 'Vila Madalena', 'Centro', 'Mooca', 'Tatuapé', 'Santana', 'Liberdade', 'Bela Vista', 'Lapa'],
  streets: [
    'Rua Augusta',
    'Avenida Paulista',
    'Rua Oscar Freire',
    'Rua da Consolação',
    'Avenida Ibirapuera',
    'Rua Teodoro Sampaio',
    'Rua Vergueiro',
    'Avenida Rebouças',
    'Rua Domingos de Morais',
    'Rua da Mooca',
  ],
  names: {
    restaurant: ['Restaurante {w}', 'Lanchonete {w}', 'Pizzaria {w}', 'Churrascaria {w}', 'Bar e Restaurante {w}'],
    cafe: ['Café {w}', 'Starbucks ({place})', 'Casa de Café {w}'],
    grocery: ['Mercado {w}', 'Hortifruti {w}', 'Carrefour Express ({place})', 'Pão de Açúcar ({place})'],
    convenience: ['Oxxo ({place})', 'Minimercado {w}', 'Empório {w}'],
    bakery: ['Padaria {w}', 'Panificadora {w}', 'Padaria {w} Filial 2'],
    pharmacy: ['Drogaria {w}', 'Drogasil ({place})', 'Droga Raia ({place})', 'Farmácia {w}'],
    beauty: ['Salão {w}', 'Barbearia {w}', 'Studio de Beleza {w}'],
    fitness: ['Academia {w}', 'Smart Fit ({place})', 'Studio Pilates {w}'],
    laundry: ['Lavanderia {w}', 'Lavanderia Express {w}'],
    retail: ['Loja {w}', 'Ótica {w}', 'Materiais de Construção {w}', 'Papelaria {w}'],
    service: ['Chaveiro {w}', 'Assistência Técnica {w}', 'Costureira {w}'],
    other: ['Floricultura {w}', 'Pet Shop {w}'],
  },
  address: (pick) => `${pick.one(saoPaulo.streets)}, ${pick.int(1, 3999)} - ${pick.one(saoPaulo.neighbourhoods)}, São Paulo - SP`,
  phone: (pick) =>
    pick.int(0, 3) === 0
      ? `+5511${pick.one(['2', '3', '4', '5'])}${pick.digits(7)}`
      : `+55119${pick.one(['6', '7', '8', '9'])}${pick.digits(7)}`,
};
