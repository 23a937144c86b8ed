import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSms {
  accountSid: string;
  to: string;
  from: string;
  body: string;
  sid: string;
}

/**
 * An SMS provider on loopback speaking Twilio's Messages API: `POST /2010-04-01/Accounts/{sid}/Messages.json`
 * with basic auth `sid:token` and a form body, answering as Twilio does (201 with the message resource; 401 code
 * 20003; 400 codes 21602-21604 for a missing field, 21211 for a number it cannot reach). `answerNext` scripts the
 * next answers' statuses, e.g. a 429 rate limit or a 503 outage.
 */
export async function startLocalSmsApi(account: { sid: string; token: string }) {
  const received: ReceivedSms[] = [];
  const scripted: number[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status, ...body }));
      };
      const path = /^\/2010-04-01\/Accounts\/(\w+)\/Messages\.json$/.exec(request.url ?? '');
      if (!path || request.method !== 'POST') return answer(404, { code: 20404, message: 'The requested resource was not found' });
      const expected = `Basic ${Buffer.from(`${account.sid}:${account.token}`).toString('base64')}`;
      if (path[1] !== account.sid || request.headers.authorization !== expected)
        return answer(401, { code: 20003, message: 'Authenticate' });
      const status = scripted.shift();
      if (status) return answer(status, { code: status === 429 ? 20429 : 20500, message: `scripted ${status}` });
      if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return answer(415, { code: 20415, message: 'expected a form body' });
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const [to, from, body] = [form.get('To'), form.get('From'), form.get('Body')];
      if (!to) return answer(400, { code: 21604, message: "A 'To' phone number is required." });
      if (!from) return answer(400, { code: 21603, message: "A 'From' phone number is required." });
      if (!body) return answer(400, { code: 21602, message: 'Message body is required.' });
      if (to.startsWith('+999')) return answer(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.` });
      const sid = `SM${randomBytes(16).toString('hex')}`;
      received.push({ accountSid: account.sid, to, from, body, sid });
      answer(201, { sid, account_sid: account.sid, to, from, body, status: 'queued' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerNext: (...statuses: number[]) => scripted.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
