import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES } from './i18n';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switcher">
      <span>{t('common.language')}</span>
      <select value={i18n.language} onChange={(event) => chooseLanguage(event.target.value)}>
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.label}
          </option>
        ))}
      </select>
    </label>
  );
}
