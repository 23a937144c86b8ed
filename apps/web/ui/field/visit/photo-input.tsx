import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compressPhoto } from './compress-photo';

/**
 * A photo from the camera (the storefront's, unless `label` says another): the phone's rear camera opens at once
 * (`capture`), a thumbnail shows what will be sent, and a large photo is made smaller first so the queue and the
 * upload stay light.
 */
export function PhotoInput({ onChange, id = 'visit-photo', label }: { onChange(photo: Blob | null): void; id?: string; label?: string }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<{ url: string; resized?: { from: number; to: number } } | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview.url) : undefined), [preview]);

  async function choose(file: File | undefined) {
    setError(undefined);
    if (!file) {
      setPreview(undefined);
      onChange(null);
      return;
    }
    try {
      const { photo, from, to } = await compressPhoto(file);
      setPreview({ url: URL.createObjectURL(photo), ...(from > to ? { resized: { from, to } } : {}) });
      onChange(photo);
    } catch {
      // A format the browser cannot draw still goes as it is: the server reads its bytes.
      setError(t('fieldSync.photo.notResized'));
      setPreview(undefined);
      onChange(file);
    }
  }

  return (
    <div className="field photo-input">
      <label htmlFor={id}>{label ?? t('field.visit.photo')}</label>
      <input id={id} type="file" accept="image/*" capture="environment" onChange={(e) => void choose(e.target.files?.[0])} />
      {preview && (
        <figure>
          <img src={preview.url} alt={t('fieldSync.photo.preview')} />
          {preview.resized && (
            <figcaption className="muted">
              {t('fieldSync.photo.resized', { from: preview.resized.from, to: preview.resized.to })}
            </figcaption>
          )}
        </figure>
      )}
      {error && <p className="muted">{error}</p>}
    </div>
  );
}
