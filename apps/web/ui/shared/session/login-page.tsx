import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/problem';
import { Field, FormError } from '../forms/field';
import { useFormProblem } from '../forms/use-problem';
import { LanguageSwitcher } from '../i18n/language-switcher';
import { useSession } from './session';

/** The sign-in form of both apps; `title` names the app being entered. */
export function LoginPage({ title }: { title: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, report, clear] = useFormProblem();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    clear();
    try {
      await session.signIn(email, password);
    } catch (error) {
      // A refused login names no field: say it plainly instead of echoing the server's detail.
      if (error instanceof ProblemError && error.status === 401) report(new Error(t('login.failed')));
      else report(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">{title}</h1>
        <h2>{t('login.title')}</h2>
        <Field
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={problem.fields.email}
          required
        />
        <Field
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={problem.fields.password}
          required
        />
        <FormError message={problem.message} />
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
        <LanguageSwitcher />
      </form>
    </main>
  );
}
