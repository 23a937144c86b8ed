import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  deliveryId: string | undefined;
}

/** How the server answers each message: accept, or refuse with an SMTP reply code (451 temporary, 550 permanent). */
export type SmtpAnswer = 'accept' | 451 | 550;

export interface SmtpTestServer {
  url: string;
  received: ReceivedMail[];
  /** Answers, in order, for the next messages; once used up, every message is accepted. */
  answerNext(...answers: SmtpAnswer[]): void;
  /** Every message from now on is refused with `code`; undefined accepts again. */
  refuseAll(code: 451 | 550 | undefined): void;
  /** Messages refused so far. */
  refusals: number;
  /** Connections opened to it so far. */
  connections: number;
  close(): Promise<void>;
}

function toReceived(mail: ParsedMail): ReceivedMail {
  const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
  const header = mail.headers.get('x-fieldops-delivery');
  return {
    to,
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    deliveryId: typeof header === 'string' ? header : undefined,
  };
}

/**
 * A real SMTP server (the `smtp-server` package) on loopback: the email driver talks SMTP to it as to any relay. On
 * `port` when given (a test that must refuse connections until it is ready), else any free one.
 */
export async function startSmtpServer(port = 0): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const queue: SmtpAnswer[] = [];
  let always: 451 | 550 | undefined;
  const state = { refusals: 0, connections: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      state.connections++;
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const answer = always ?? queue.shift() ?? 'accept';
        if (answer !== 'accept') {
          state.refusals++;
          const error = Object.assign(new Error(answer === 451 ? 'Try again later' : 'Mailbox unavailable'), { responseCode: answer });
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push(toReceived(mail));
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    received,
    answerNext: (...answers) => queue.push(...answers),
    refuseAll: (code) => {
      always = code;
    },
    get refusals() {
      return state.refusals;
    },
    get connections() {
      return state.connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
