import { createHash } from 'node:crypto';
import type { ServiceApp } from '@fieldops/platform';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { answerInvitation, type InvitationPage, showInvitation } from '../app/invitation-page';
import type { MarketingContext } from '../config';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

const STYLE =
  'body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;margin:0;background:#f5f6f8;color:#1d2433}' +
  'main{max-width:560px;margin:0 auto;padding:24px 16px}h1{font-size:1.4rem}section{background:#fff;border-radius:8px;padding:16px;white-space:pre-wrap}' +
  'form{display:inline}button{font-size:1rem;padding:12px 24px;margin:16px 12px 0 0;border-radius:6px;border:1px solid #1f6feb;cursor:pointer}' +
  '.accept{background:#1f6feb;color:#fff}.decline{background:#fff;color:#1f6feb}';

/** The page's own policy: its one inline style, and its forms posting back here; nothing else loads or runs. */
const PAGE_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The page, server-rendered with no script: it works on any phone the link reaches. */
function html(page: InvitationPage, action: (decision: 'accept' | 'decline') => string): string {
  const head = `<!doctype html><html lang="${page.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><style>${STYLE}</style>`;
  if (page.kind === 'message') {
    const message = page.text[page.message];
    return `${head}<title>${escapeHtml(String(message))}</title></head><body><main><p role="status">${escapeHtml(String(message))}</p></main></body></html>`;
  }
  const { text } = page;
  return (
    `${head}<title>${escapeHtml(text.title(page.campaign))}</title></head><body><main>` +
    `<h1>${escapeHtml(text.title(page.campaign))}</h1><p>${escapeHtml(text.greeting(page.merchant))}</p>` +
    `<h2>${escapeHtml(text.terms)}</h2><section>${escapeHtml(page.terms)}</section>` +
    `<form method="post" action="${escapeHtml(action('accept'))}"><button class="accept" type="submit">${escapeHtml(text.accept)}</button></form>` +
    `<form method="post" action="${escapeHtml(action('decline'))}"><button class="decline" type="submit">${escapeHtml(text.decline)}</button></form>` +
    '</main></body></html>'
  );
}

function send(reply: FastifyReply, page: InvitationPage, token: string, lang: string | undefined) {
  const query = lang ? `?lang=${encodeURIComponent(lang)}` : '';
  const action = (decision: 'accept' | 'decline') => `/m/campaigns/${encodeURIComponent(token)}/${decision}${query}`;
  return reply
    .code(page.kind === 'message' ? page.status : 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', PAGE_POLICY)
    .send(html(page, action));
}

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const DecisionParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  decision: Type.Union([Type.Literal('accept'), Type.Literal('decline')]),
});
const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) });

/**
 * The merchant-facing invitation page at `/m/campaigns/<token>`: no login, the signed token is the merchant's whole
 * authority, and it reaches one invitation only. Not part of the API document (it answers HTML).
 */
export function invitationPageRoutes(app: ServiceApp, ctx: MarketingContext): void {
  // The page's forms post an empty urlencoded body: the decision is in the path.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) => done(null, {}));
  }
  app.get(
    '/m/campaigns/:token',
    { config: { public: true }, schema: { hide: true, params: TokenParams, querystring: LangQuery } },
    async (request, reply) => {
      const { token } = request.params;
      return send(reply, await showInvitation(ctx, token, request.query.lang), token, request.query.lang);
    },
  );

  app.post(
    '/m/campaigns/:token/:decision',
    { config: { public: true }, schema: { hide: true, params: DecisionParams, querystring: LangQuery } },
    async (request, reply) => {
      const { token, decision } = request.params;
      const page = await answerInvitation(ctx, token, decision === 'accept' ? 'accepted' : 'declined', request.query.lang);
      return send(reply, page, token, request.query.lang);
    },
  );
}
