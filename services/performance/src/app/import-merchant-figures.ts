import { type Access, AppError, type ProgressReporter, parseCsv, UnprocessableError, ValidationError } from '@fieldops/platform';
import type { PerformanceContext } from '../config';
import { type CheckedMerchant, checkMerchantFigures, type MerchantFiguresBody, writeMerchantDay } from './record-merchant-figures';

/** The columns of an import file, as the single POST names its fields; the header may order and case them freely. */
const COLUMNS = ['merchantId', 'date', 'orders', 'gmvMinor', 'currency'] as const;
type Column = (typeof COLUMNS)[number];

/** The most data rows one file may hold; larger exports are sent in parts. */
export const MAX_IMPORT_ROWS = 10_000;

/** The same bounds as the JSON body's schema. */
const LIMITS: Record<'orders' | 'gmvMinor', number> = { orders: 10_000_000, gmvMinor: 2_000_000_000 };

export interface FiguresImportRow {
  /** The data row's number, 1 for the first row after the header. */
  row: number;
  outcome: 'accepted' | 'unchanged' | 'refused';
  /** For a refusal: the column at fault and why, in plain words. */
  column?: Column;
  reason?: string;
}

export interface FiguresImportReport {
  accepted: number;
  unchanged: number;
  refused: number;
  rows: FiguresImportRow[];
}

/** Where each column is in the file; a missing column fails the whole file before anything is written. */
function readHeader(header: string[] | undefined): Record<Column, number> {
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !names.includes(c.toLowerCase()));
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map((c) => ({ field: `/body/${c}`, message: 'is a required column of the CSV header' })),
      `The CSV header lacks ${missing.join(', ')}.`,
    );
  }
  const at = (column: Column) => names.indexOf(column.toLowerCase());
  return { merchantId: at('merchantId'), date: at('date'), orders: at('orders'), gmvMinor: at('gmvMinor'), currency: at('currency') };
}

type RowRead = { ok: true; body: MerchantFiguresBody } | { ok: false; column: Column; reason: string };

/** One data row as the single POST's body, or the first column that keeps it from being one. */
function readRow(cells: string[], columns: Record<Column, number>): RowRead {
  const cell = (column: Column) => (cells[columns[column]] ?? '').trim();
  const merchantId = cell('merchantId');
  if (merchantId === '') return { ok: false, column: 'merchantId', reason: 'is empty' };
  const date = cell('date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { ok: false, column: 'date', reason: 'is not a YYYY-MM-DD date' };
  const amounts = { orders: 0, gmvMinor: 0 };
  for (const column of ['orders', 'gmvMinor'] as const) {
    const raw = cell(column);
    const value = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value <= LIMITS[column])) {
      return { ok: false, column, reason: `must be a whole number from 0 to ${LIMITS[column]}, not “${raw}”` };
    }
    amounts[column] = value;
  }
  const currency = cell('currency').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, column: 'currency', reason: 'is not a three-letter ISO 4217 code' };
  return { ok: true, body: { merchantId, date, ...amounts, currency } };
}

/** A refusal the single POST would answer with a 4xx, as the column it names and its message. */
function refusalOf(error: unknown): { column: Column; reason: string } | undefined {
  if (!(error instanceof AppError) || error.status >= 500) return undefined;
  const problem = error.errors[0];
  const column = COLUMNS.find((c) => problem?.field === `/body/${c}`);
  return column && problem ? { column, reason: problem.message } : undefined;
}

/**
 * Imports merchants' daily figures from a CSV, each row through the checks of `POST …/merchant-figures` (the same
 * permission, and the merchant read with the caller's token, so a merchant outside their scope is refused, never
 * written). The file is read and checked whole before the first write: a bad header or a row of the wrong shape
 * fails it with nothing written.
 *
 * Idempotency per row comes from the row's own natural key, the merchant and the day: a day is replaced, never added
 * to, and a row whose figures the day already holds is `unchanged` and writes nothing. So re-importing a file, or
 * the rest of one after a failure part way, counts nothing twice, with no key column to keep. For that to hold, a
 * file may name a merchant's day once; a second row for it is refused.
 */
export async function importMerchantFigures(
  ctx: PerformanceContext,
  access: Access,
  text: string,
  progress?: ProgressReporter,
): Promise<FiguresImportReport> {
  const [header, ...data] = parseCsv(text);
  const columns = readHeader(header);
  if (data.length > MAX_IMPORT_ROWS) {
    throw new UnprocessableError(`A file holds at most ${MAX_IMPORT_ROWS} rows; send it in parts.`, [
      { field: '/body', message: `has ${data.length} rows` },
    ]);
  }
  const width = header?.length ?? 0;
  const ragged = data.findIndex((cells) => cells.length !== width);
  if (ragged >= 0) {
    throw new ValidationError(
      [{ field: '/body', message: `row ${ragged + 1} has ${data[ragged]?.length} fields; the header has ${width}` }],
      'The CSV file is malformed: every row needs as many fields as the header.',
    );
  }

  const rows: FiguresImportRow[] = [];
  const toWrite: { report: FiguresImportRow; checked: CheckedMerchant; body: MerchantFiguresBody }[] = [];
  const seen = new Map<string, number>();
  progress?.start(data.length * 2, 'Rows');
  for (const [index, cells] of data.entries()) {
    const report: FiguresImportRow = { row: index + 1, outcome: 'refused' };
    rows.push(report);
    progress?.tick(1);
    const read = readRow(cells, columns);
    if (!read.ok) {
      Object.assign(report, { column: read.column, reason: read.reason });
      continue;
    }
    const dayKey = `${read.body.merchantId}\n${read.body.date}`;
    const earlier = seen.get(dayKey);
    if (earlier !== undefined) {
      Object.assign(report, { column: 'date', reason: `this merchant’s day is already in row ${earlier} of the file` });
      continue;
    }
    seen.set(dayKey, report.row);
    try {
      toWrite.push({ report, checked: await checkMerchantFigures(ctx, access, read.body), body: read.body });
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      Object.assign(report, refusal);
    }
  }
  for (const { report, checked, body } of toWrite) {
    report.outcome = (await writeMerchantDay(ctx, checked, body)) ? 'accepted' : 'unchanged';
    progress?.tick(1);
  }
  progress?.tick(data.length - toWrite.length);
  progress?.stop();
  const count = (outcome: FiguresImportRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  return { accepted: count('accepted'), unchanged: count('unchanged'), refused: count('refused'), rows };
}
