import { Code, ConnectError } from '@connectrpc/connect';
import { isServiceUnreachable, type ProgressReporter } from '@fieldops/platform';
import type { SearchContext } from '../config';
import type { SearchIndex } from '../db/search-index';
import type { DocumentType } from '../domain/search-document';
import { EXPORT_SOURCES, type ExportSource } from './export-sources';
import { newGeneration } from './open-index';

export interface RebuildReport {
  generation: string;
  /** A skipped source's documents are carried over from the index that served. */
  sources: { source: string; documents: number; skipped: string | null; carried: number }[];
}

const RPC_TIMEOUT_MS = 60_000;
const CARRY_PAGE = 1000;
/**
 * Why a source is skipped: its export is not implemented or not reachable, or the service is not part of this
 * installation (no process runs it and no URL names it). Anything else fails the rebuild (null).
 */
function skipReason(error: unknown): string | null {
  if (isServiceUnreachable(error) || (error instanceof ConnectError && error.code === Code.Unimplemented))
    return error instanceof Error ? error.message : String(error);
  return null;
}

async function exportInto(ctx: SearchContext, index: SearchIndex, source: ExportSource, progress: ProgressReporter): Promise<number> {
  const state = ctx.deps;
  const estimate = await state.holder.current.count(source.type);
  progress.start(Math.max(estimate, 1), `search: ${source.source}`);
  let afterId = '';
  let documents = 0;
  do {
    const call = { ...(await ctx.asService()), timeoutMs: RPC_TIMEOUT_MS };
    const page = await source.page(ctx, afterId, call);
    await index.put(page.docs);
    documents += page.docs.length;
    progress.tick(page.docs.length);
    if (state.holder.rebuild)
      state.holder.rebuild = { ...state.holder.rebuild, done: state.holder.rebuild.done + page.docs.length, label: source.source };
    afterId = page.nextAfterId;
  } while (afterId !== '');
  progress.stop();
  return documents;
}

async function carry(from: SearchIndex, to: SearchIndex, type: DocumentType): Promise<number> {
  let afterId = '';
  let carried = 0;
  for (;;) {
    const docs = await from.scan(type, afterId, CARRY_PAGE);
    if (docs.length === 0) return carried;
    await to.put(docs);
    carried += docs.length;
    afterId = docs.at(-1)?.id ?? '';
  }
}

/**
 * Rebuilds the read model from the source services' exports into a new index generation while the old one keeps
 * serving; live events reach both meanwhile (IndexHolder), versions decide between an export row and an event. Then
 * the new generation is published and swapped in, and the old one deleted.
 */
export async function rebuildIndex(ctx: SearchContext, progress: ProgressReporter): Promise<RebuildReport> {
  const state = ctx.deps;
  const generation = newGeneration(ctx);
  const index = await state.location.build(generation);
  state.holder.startBuilding(index);
  state.holder.rebuild = { startedAt: ctx.clock.now(), done: 0, total: await state.holder.current.count(), label: 'starting' };
  try {
    const sources: RebuildReport['sources'] = [];
    for (const source of EXPORT_SOURCES) {
      try {
        sources.push({ source: source.source, documents: await exportInto(ctx, index, source, progress), skipped: null, carried: 0 });
      } catch (error) {
        progress.stop();
        const skipped = skipReason(error);
        if (skipped === null) throw error;
        ctx.log.warn({ source: source.source, error: skipped }, 'search rebuild: source skipped');
        const carried = await carry(state.holder.current, index, source.type);
        sources.push({ source: source.source, documents: 0, skipped, carried });
      }
    }
    await index.finishBuilding();
    await state.location.publish(generation);
    const old = state.holder.swap();
    await old.destroy();
    return { generation, sources };
  } catch (error) {
    await state.holder.abandon()?.destroy();
    throw error;
  } finally {
    state.holder.rebuild = null;
  }
}
