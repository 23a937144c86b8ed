import { describe, expect, it } from 'vitest';
import { getCountryPolicy } from '../src/index';

describe('address formatting order', () => {
  it('CN writes big-to-small without spaces between Chinese components', () => {
    const address = getCountryPolicy('CN').formatAddress({
      street: '文三路90号',
      district: '西湖区',
      city: '杭州市',
      province: '浙江省',
    });
    expect(address).toBe('浙江省杭州市西湖区文三路90号');
  });

  it('CN does not repeat a municipality that is both province and city', () => {
    const address = getCountryPolicy('CN').formatAddress({
      street: '建国门外大街1号',
      district: '朝阳区',
      city: '北京市',
      province: '北京市',
      postalCode: '100020',
    });
    expect(address).toBe('北京市朝阳区建国门外大街1号 100020');
  });

  it('SG writes small-to-big and ends with "Singapore <postal code>"', () => {
    const address = getCountryPolicy('SG').formatAddress({
      street: '10 Anson Road',
      district: '#10-01',
      postalCode: '079903',
    });
    expect(address).toBe('10 Anson Road, #10-01, Singapore 079903');
  });

  it('ID writes small-to-big with the postal code after the province', () => {
    const address = getCountryPolicy('ID').formatAddress({
      street: 'Jl. Jend. Sudirman No. 1',
      district: 'Senayan',
      city: 'Jakarta Selatan',
      province: 'DKI Jakarta',
      postalCode: '10270',
    });
    expect(address).toBe('Jl. Jend. Sudirman No. 1, Senayan, Jakarta Selatan, DKI Jakarta 10270');
  });

  it('BR uses the Correios layout and formats the CEP', () => {
    const address = getCountryPolicy('BR').formatAddress({
      street: 'Av. Paulista, 1000',
      district: 'Bela Vista',
      city: 'São Paulo',
      province: 'SP',
      postalCode: '01310100',
    });
    expect(address).toBe('Av. Paulista, 1000 - Bela Vista, São Paulo - SP, 01310-100');
  });

  it('skips missing or blank parts without leaving separators behind', () => {
    expect(getCountryPolicy('BR').formatAddress({ street: 'Rua A, 1', district: ' ', city: 'Recife' })).toBe('Rua A, 1, Recife');
    expect(getCountryPolicy('ID').formatAddress({ city: 'Bandung', postalCode: '40111' })).toBe('Bandung, 40111');
    expect(getCountryPolicy('CN').formatAddress({})).toBe('');
  });
});
