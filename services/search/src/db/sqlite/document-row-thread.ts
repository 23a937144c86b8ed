import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentRow } from './document-row';
import type { RowsAnswered, RowsAsked } from './document-row-worker';

/** The sources run through tsx: the thread loads its module the same way. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * A thread that works out documents' rows (`documentRow`) while the main thread writes the rows before them: a
 * rebuild's JavaScript (cells, words, pinyin) on the second core, beside SQLite's work on the first.
 */
export class DocumentRowThread {
  private readonly worker = new Worker(new URL('./document-row-worker.ts', import.meta.url), {
    execArgv: ['--import', TSX],
  });
  private readonly waiting = new Map<number, { resolve: (rows: DocumentRow[]) => void; reject: (error: Error) => void }>();
  private asked = 0;
  private failure: Error | null = null;

  constructor() {
    // Idle, it must not keep the process alive; while rows are awaited, it must (nothing else may be pending).
    this.worker.unref();
    this.worker.on('message', (answer: RowsAnswered) => {
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (this.waiting.size === 0) this.worker.unref();
      if ('error' in answer) waiter?.reject(new Error(`the document row thread failed: ${answer.error}`));
      else waiter?.resolve(answer.rows);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the document row thread stopped (exit code ${code})`)));
  }

  /** The rows of documents given as their JSON, in their order. */
  rows(bodies: string[]): Promise<DocumentRow[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.asked;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, bodies } satisfies RowsAsked);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
