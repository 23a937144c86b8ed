import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main';

/**
 * The first thing a keyboard reaches: it moves the focus past the navigation to the page's content. It focuses
 * the element itself rather than following `#main`, so the router's URL is left alone.
 */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      {t('records.skipToContent')}
    </a>
  );
}
