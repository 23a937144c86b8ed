import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../api/client';

/**
 * A photo of the file service: its metadata carries a presigned download URL an <img> can load without a token.
 * The thumbnail is a button that opens the photo at full size in a modal dialog (Escape or Close shuts it).
 */
export function EvidencePhoto({ fileId, alt }: { fileId: string; alt: string }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const photo = useQuery({
    queryKey: ['file', fileId],
    // The URL expires; read it again rather than keep a stale one.
    staleTime: 60_000,
    queryFn: () => answerOf(rest.GET('/api/v1/files/{id}', { params: { path: { id: fileId } } })),
  });
  if (!photo.data) return null;
  return (
    <>
      <button
        type="button"
        className="photo-thumb"
        aria-label={t('records.enlarge', { name: alt })}
        onClick={() => dialog.current?.showModal()}
      >
        <img src={photo.data.downloadUrl} alt={alt} className="evidence-photo" />
      </button>
      <dialog ref={dialog} className="photo-dialog" aria-label={alt}>
        <img src={photo.data.downloadUrl} alt={alt} />
        <form method="dialog">
          <button type="submit">{t('records.close')}</button>
        </form>
      </dialog>
    </>
  );
}
