// What the benchmarks measure below the notification service's API: the SMTP driver and the campaign invitation's
// templates and email body, as a delivery renders and sends them. Other services never import it.
export { emailHtml, render } from './app/render';
export { smtpDriver } from './channels/smtp.driver';
export { campaignInvitation } from './workflows/campaign-invitation';
