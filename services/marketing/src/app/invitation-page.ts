import { AppError } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';
import { type EnrollmentRow, enrollmentRepository } from '../db/enrollment.repository';
import { memberRepository } from '../db/member.repository';
import { verifyInvitation } from '../domain/invitation-link';
import { PAGE_TEXT, type PageText } from '../domain/merchant-page-text';
import { type Terms, termsIn, termsLocale } from '../domain/terms';
import { decideEnrollment, type MerchantDecision } from './decide-enrollment';

/** What the merchant's page shows: the invitation with its terms and buttons, or where it stands. */
export type InvitationPage =
  | { kind: 'open'; locale: string; text: PageText; campaign: string; merchant: string; terms: string }
  | { kind: 'message'; locale: string; text: PageText; status: number; message: keyof PageText };

interface Opened {
  enrollment: EnrollmentRow;
  campaign: CampaignRow;
  locale: string;
  text: PageText;
}

/** The invitation a token opens, in the merchant's language (its country's locale) unless `lang` asks for another. */
async function opened(ctx: MarketingContext, token: string, lang: string | undefined): Promise<Opened | { problem: InvitationPage }> {
  const check = verifyInvitation(token, ctx.clock.now(), ctx.deps.linkSecret);
  const fallback = termsLocale(lang ?? 'en');
  if (!check.ok)
    return {
      problem: {
        kind: 'message',
        locale: fallback,
        text: PAGE_TEXT[fallback],
        status: check.reason === 'expired' ? 410 : 404,
        message: check.reason,
      },
    };
  const enrollment = await enrollmentRepository.byId(ctx.db, check.enrollmentId);
  const campaign = enrollment && (await campaignRepository.byId(ctx.db, enrollment.campaign_id));
  if (!enrollment || !campaign)
    return { problem: { kind: 'message', locale: fallback, text: PAGE_TEXT[fallback], status: 404, message: 'invalid' } };
  const locale = termsLocale(lang ?? ctx.countries.get(enrollment.country).locale);
  return { enrollment, campaign, locale, text: PAGE_TEXT[locale] };
}

export async function showInvitation(ctx: MarketingContext, token: string, lang?: string): Promise<InvitationPage> {
  const found = await opened(ctx, token, lang);
  if ('problem' in found) return found.problem;
  const { enrollment, campaign, locale, text } = found;
  if (enrollment.state !== 'invited')
    return {
      kind: 'message',
      locale,
      text,
      status: 200,
      message: enrollment.state === 'accepted' ? 'accepted' : enrollment.state === 'declined' ? 'declined' : 'expired',
    };
  if (campaign.status !== 'running') return { kind: 'message', locale, text, status: 200, message: 'closed' };
  const members = await memberRepository.ofCampaign(ctx.db, campaign.id);
  const merchant = members.find((m) => m.merchant_id === enrollment.merchant_id)?.merchant_name ?? '';
  return { kind: 'open', locale, text, campaign: campaign.name, merchant, terms: termsIn(JSON.parse(campaign.terms) as Terms, locale) };
}

/** The merchant answers through the link: the same rules as any enrollment (idempotent, within the cap). */
export async function answerInvitation(
  ctx: MarketingContext,
  token: string,
  decision: MerchantDecision,
  lang?: string,
): Promise<InvitationPage> {
  const found = await opened(ctx, token, lang);
  if ('problem' in found) return found.problem;
  const { enrollment, campaign, locale, text } = found;
  try {
    const after = await decideEnrollment(ctx, campaign, enrollment, { decision, channel: 'link', by: 'merchant', visitId: null });
    return { kind: 'message', locale, text, status: 200, message: after.state === 'accepted' ? 'accepted' : 'declined' };
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 409) throw error;
    const { code, from } = error.extra;
    const message =
      code === 'full'
        ? 'full'
        : code === 'not-running'
          ? 'closed'
          : from === 'accepted'
            ? 'accepted'
            : from === 'declined'
              ? 'declined'
              : 'expired';
    return { kind: 'message', locale, text, status: 409, message };
  }
}
