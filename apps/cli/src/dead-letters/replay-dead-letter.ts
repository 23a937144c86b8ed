import { type ConsumeResult, deleteDeadLetter, type RunningService } from '@fieldops/platform';
import type { ServiceDeadLetter } from './service-dead-letters';

export type ReplayOutcome =
  | { status: 'replayed'; result: 'applied' | 'duplicate' }
  /** The consumer failed again: the row stays, with the consumer's log lines saying why. */
  | { status: 'failed_again' }
  /** The event could not even be handed to its consumer (e.g. the consumer no longer exists). */
  | { status: 'not_replayable'; reason: string };

/**
 * Hands a dead letter back to its consumer. The inbox makes this safe to repeat: an event applied meanwhile is
 * a duplicate, and either way the row is done with. A row that fails again stays for the next look.
 */
export async function replayDeadLetter(service: RunningService, { letter }: ServiceDeadLetter): Promise<ReplayOutcome> {
  let result: ConsumeResult;
  try {
    result = await service.replayDeadLetter(letter.event, letter.consumer);
  } catch (error) {
    return { status: 'not_replayable', reason: error instanceof Error ? error.message : String(error) };
  }
  if (result === 'applied' || result === 'duplicate') {
    await deleteDeadLetter(service.db, letter.id);
    return { status: 'replayed', result };
  }
  if (result === 'unhandled')
    return { status: 'not_replayable', reason: `consumer "${letter.consumer}" has no handler for ${letter.type}` };
  return { status: 'failed_again' };
}
