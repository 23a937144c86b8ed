import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoInput } from '../visit/photo-input';

/** The most photos a completion takes (the tickets service's limit). */
export const MAX_PHOTOS = 10;

/**
 * Photos of the work, one camera shot at a time through the visit's photo input (camera, thumbnail, made smaller):
 * each one taken joins the thumbnails below, where it can be removed.
 */
export function WorkPhotos({ photos, onChange }: { photos: Blob[]; onChange(photos: Blob[]): void }) {
  const { t } = useTranslation();
  // A new input after each shot: it opens empty for the next photo.
  const [shot, setShot] = useState(0);
  const urls = useMemo(() => photos.map((photo) => URL.createObjectURL(photo)), [photos]);
  useEffect(
    () => () => {
      for (const url of urls) URL.revokeObjectURL(url);
    },
    [urls],
  );
  return (
    <div className="work-photos">
      {photos.length < MAX_PHOTOS && (
        <PhotoInput
          key={shot}
          id="work-photo"
          label={t('fieldTickets.complete.addPhoto')}
          onChange={(photo) => {
            if (!photo) return;
            onChange([...photos, photo]);
            setShot((n) => n + 1);
          }}
        />
      )}
      {photos.length > 0 && (
        <>
          <p className="muted">{t('fieldTickets.complete.photoCount', { count: photos.length })}</p>
          <ul className="thumbnails">
            {urls.map((url, index) => (
              <li key={url}>
                <img src={url} alt={t('fieldTickets.complete.photo', { number: index + 1 })} />
                <button type="button" className="secondary" onClick={() => onChange(photos.filter((_, i) => i !== index))}>
                  {t('fieldTickets.complete.remove', { number: index + 1 })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
