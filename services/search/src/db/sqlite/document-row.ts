import { placeCells } from '@fieldops/geo';
import { bodyTexts, type SearchDocument } from '../../domain/search-document';
import { indexTerms } from '../../domain/text-terms';
import { scopeTokens } from './sqlite-schema';

/**
 * What the SQLite index writes of a document besides its JSON body: the `doc` columns between `id` and `body`, in
 * the order of the driver's insert and update, and the text table's columns `tw, tg, bw, bg, py, sc`. Working them out
 * (H3 cells, folded words, character pairs, pinyin) is most of a write's JavaScript; a rebuild does it off the main
 * thread (document-row-worker.ts), so this is a pure function of the document.
 */
export interface DocumentRow {
  columns: unknown[];
  text: string[];
}

export function documentRow(doc: SearchDocument): DocumentRow {
  const cells = placeCells(doc);
  const terms = indexTerms(doc.title, bodyTexts(doc), doc.phones);
  return {
    columns: [
      doc.version,
      doc.updatedAt,
      doc.country,
      doc.lat,
      doc.lng,
      cells.r7,
      cells.r9,
      doc.areaId,
      doc.ownerId,
      doc.orgUnitId,
      doc.agencyId,
      doc.status,
      doc.stage,
      doc.pool,
      doc.category,
      doc.priority ?? null,
      doc.slaStatus ?? null,
      doc.breachAt ?? null,
      doc.openedBy ?? null,
      doc.hasOpenTicket === undefined ? null : Number(doc.hasOpenTicket),
    ],
    text: [terms.titleWords, terms.titlePairs, terms.bodyWords, terms.bodyPairs, terms.pinyin, scopeTokens(doc.type, doc.country)],
  };
}
