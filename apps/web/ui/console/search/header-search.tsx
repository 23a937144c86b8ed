import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The console header's search box: any name, address or phone (pinyin too), answered on the search page. */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (q.trim()) void navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  }
  return (
    <search className="header-search">
      <form onSubmit={submit}>
        <label>
          <span className="visually-hidden">{t('records.search.label')}</span>
          <input type="search" value={q} onChange={(event) => setQ(event.target.value)} placeholder={t('records.search.placeholder')} />
        </label>
      </form>
    </search>
  );
}
