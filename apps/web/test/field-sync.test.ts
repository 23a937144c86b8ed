import i18next from 'i18next';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifSegmentOf } from '../ui/field/visit/exif-segment';
import { fieldMessageIn, problemIn } from '../ui/shared/api/problem-words';
import { catalogue as en } from '../ui/shared/i18n/locales/en';
import { catalogue as zhCN } from '../ui/shared/i18n/locales/zh-CN';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'en',
  interpolation: { escapeValue: false },
});
const inEnglish = i18n.getFixedT('en');
const inChinese = i18n.getFixedT('zh-CN');
const question = (t: typeof inEnglish) => (leaf: string) => t(`fieldSync.questions.${leaf}`, { defaultValue: leaf });

describe('problem+json in the user’s words', () => {
  it('says the validator’s and the services’ field messages in the language, and keeps an unknown one as written', () => {
    expect(fieldMessageIn(inChinese, 'is required')).toBe('为必填项');
    expect(fieldMessageIn(inChinese, 'must NOT have fewer than 3 characters')).toBe('至少需要 3 个字符');
    expect(fieldMessageIn(inEnglish, 'must be <= 100000')).toBe('must be at most 100000');
    expect(fieldMessageIn(inChinese, 'is 2000 m from Kopi Stall; check-in is allowed within 200 m')).toBe(
      '相距 2000 米；只允许在 200 米内签到',
    );
    expect(fieldMessageIn(inChinese, 'invalid_number')).toBe('不是有效的电话号码');
    expect(fieldMessageIn(inChinese, 'is on Mars')).toBe('is on Mars');
  });

  it('says an id left unpicked in a list, or any other malformed value, in plain words instead of the format’s name', () => {
    expect(fieldMessageIn(inEnglish, 'must match format "uuid"')).toBe('choose one from the list');
    expect(fieldMessageIn(inChinese, 'must match format "uuid"')).toBe('请从列表中选择一项');
    expect(fieldMessageIn(inEnglish, 'must match pattern "^[A-Z]{2}$"')).toBe('is not written the expected way');
    expect(fieldMessageIn(inChinese, 'must match format "date"')).toBe('格式不正确');
  });

  it('names a refused check-out’s question by its translated label, a duplicate by its kind, a lost record plainly', () => {
    const refused = {
      type: 'https://fieldops.dev/problems/unprocessable',
      title: 'Unprocessable',
      status: 422,
      detail: 'The check-out has invalid fields.',
      errors: [{ field: '/body/answers/stockOfQrStands', message: 'is required: QR stand condition' }],
    };
    expect(problemIn(inEnglish, refused, question(inEnglish))).toBe('please correct QR stand condition: is required');
    expect(problemIn(inChinese, refused, question(inChinese))).toBe('请更正 二维码台卡状况: 为必填项');
    expect(problemIn(inChinese, { type: 'x', title: 'Conflict', status: 409, code: 'duplicate', candidates: [] })).toBe(
      '附近已有这条线索；请认领或打开现有的那条。',
    );
    expect(problemIn(inEnglish, { type: 'x', title: 'Not found', status: 404, detail: 'Visit 123 was not found' })).toBe(
      'the record no longer exists or is not yours to change.',
    );
  });
});

describe('the field app’s offline parts', () => {
  it('finds the EXIF segment of a camera JPEG (so a smaller copy keeps the time it was taken), and none in a bare one', async () => {
    const base = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 1, g: 2, b: 3 } } }).jpeg();
    const withExif = await base
      .clone()
      .withExif({ IFD2: { DateTimeOriginal: '2026:12:04 09:15:30' } })
      .toBuffer();
    const segment = exifSegmentOf(new Uint8Array(withExif));
    expect(segment?.[0]).toBe(0xff);
    expect(segment?.[1]).toBe(0xe1);
    expect(Buffer.from(segment ?? []).toString('latin1')).toContain('2026:12:04 09:15:30');
    expect(exifSegmentOf(new Uint8Array(await base.clone().toBuffer()))).toBeUndefined();
    expect(exifSegmentOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
  });
});
