import { parentPort } from 'node:worker_threads';
import type { SearchDocument } from '../../domain/search-document';
import { type DocumentRow, documentRow } from './document-row';

export interface RowsAsked {
  id: number;
  /** The documents as the JSON the index stores: a string crosses to a thread far cheaper than an object. */
  bodies: string[];
}

export type RowsAnswered = { id: number; rows: DocumentRow[] } | { id: number; error: string };

/** The row thread (see DocumentRowThread): answers each batch of documents with their rows, in order. */
parentPort?.on('message', ({ id, bodies }: RowsAsked) => {
  let answer: RowsAnswered;
  try {
    answer = { id, rows: bodies.map((body) => documentRow(JSON.parse(body) as SearchDocument)) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(answer);
});
