import type { CountryDemo } from '../country-policy';
import { randomDigits, randomOf } from '../shared/demo-random';
import { bangkok } from './demo-places';
import { thaiCheckDigit } from './thai-tax-id';

/** A company's tax id: 0105 (a Bangkok company limited), eight digits, and the check digit. */
function demoTaxId(random: () => number): string {
  const body = `0105${randomDigits(random, 8)}`;
  return `${body}${thaiCheckDigit(body)}`;
}

/** Thailand's demo: Bangkok (and Chiang Mai as the second city of the organisation); no district boundaries shipped. */
export const thDemo: CountryDemo = {
  key: 'bangkok',
  city: 'Bangkok',
  centre: { lat: 13.7563, lng: 100.5018 },
  spread: 0.1,
  placeDistance: { mean: 6000, max: 30_000 },
  extent: [97.3, 5.6, 105.7, 20.5],
  orgCities: ['กรุงเทพมหานคร', 'เชียงใหม่'],
  shopNames: ['ข้าวมันไก่ประตูน้ำ', 'ก๋วยเตี๋ยวเรือป้าแดง', 'ร้านขายยาสุขใจ', 'ส้มตำเจ๊หมวย', 'มินิมาร์ทรุ่งเรือง', 'ร้านกาแฟบ้านสวน'],
  shopStreets: ['ถนนสุขุมวิท', 'ถนนสีลม', 'ถนนพระราม 4', 'ถนนเพชรบุรี', 'ถนนลาดพร้าว'],
  legalSuffix: 'จำกัด',
  people: {
    givenNames: ['สมชาย', 'สมหญิง', 'วิชัย', 'มาลี', 'ประเสริฐ', 'สุดา', 'อนุชา', 'กนกวรรณ', 'ธนากร', 'พิมพ์ชนก'],
    familyNames: ['ศรีสุข', 'ใจดี', 'ทองดี', 'รุ่งเรือง', 'แสงทอง', 'บุญมา', 'สุวรรณ', 'พรหมมา'],
    familyNameFirst: false,
  },
  phone: (r) => `+66 ${randomOf(r, ['8', '9'])}${randomOf(r, ['1', '2', '4', '5'])}${randomDigits(r, 7)}`,
  businessId: demoTaxId,
  places: bangkok,
};
