import { useTranslation } from 'react-i18next';
import { SelectField } from '../../shared/forms/field';
import { countryName } from './country-choice';

interface Props {
  countries: string[];
  country: string;
  onChoose(country: string): void;
}

/** The country a screen shows, for someone whose scope spans several; nothing for everyone else. */
export function CountrySelect({ countries, country, onChoose }: Props) {
  const { t, i18n } = useTranslation();
  if (countries.length < 2) return null;
  return (
    <SelectField label={t('fieldSync.country.label')} value={country} onChange={(event) => onChoose(event.target.value)}>
      <option value="">{t('fieldSync.country.all')}</option>
      {countries.map((code) => (
        <option key={code} value={code}>
          {countryName(code, i18n.language)}
        </option>
      ))}
    </SelectField>
  );
}
