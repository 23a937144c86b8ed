import type { OutboxBase } from '../offline/outbox-base';

/**
 * An on-site completion without its file ids (completeTicketOnSite's body less photoIds and signatureFileId, which
 * the queue fills in once the images are uploaded).
 */
export interface TicketCompletionBody {
  visitId: string;
  note?: string;
}

/** An on-site completion as the queue keeps it: its photos and signature wait as images. */
export interface TicketCompletionEntry extends OutboxBase {
  kind: 'ticket-completion';
  ticketId: string;
  body: TicketCompletionBody;
  photos: Blob[];
  signature: Blob;
}

/** One file a completion uploads before it is sent; its key makes a replayed upload the same file. */
export interface CompletionUpload {
  blob: Blob;
  purpose: 'visit-photo' | 'other';
  fileName: string;
  idempotencyKey: string;
}

/**
 * The write of a ticket completed on site, as the queue keeps it: the check-in it cites (queued before it, so sent
 * before it), the photos and the signature as images, and the note. Its id is the Idempotency-Key of the completion
 * and the stem of its uploads' keys.
 */
export function completionEntry(input: {
  id: string;
  createdAt: string;
  ticket: { id: string; title: string };
  visitId: string;
  photos: Blob[];
  signature: Blob;
  note: string;
}): TicketCompletionEntry {
  const note = input.note.trim();
  return {
    kind: 'ticket-completion',
    id: input.id,
    createdAt: input.createdAt,
    title: input.ticket.title,
    state: 'pending',
    ticketId: input.ticket.id,
    photos: input.photos,
    signature: input.signature,
    body: { visitId: input.visitId, ...(note ? { note } : {}) },
  };
}

/** The uploads of a completion in order: each photo as a visit photo, then the signature (a PNG, not a photo of the shop). */
export function completionUploads(entry: TicketCompletionEntry): CompletionUpload[] {
  return [
    ...entry.photos.map((blob, index) => ({
      blob,
      purpose: 'visit-photo' as const,
      fileName: `work-${index + 1}.jpg`,
      idempotencyKey: `${entry.id}-photo-${index + 1}`,
    })),
    { blob: entry.signature, purpose: 'other' as const, fileName: 'signature.png', idempotencyKey: `${entry.id}-signature` },
  ];
}
