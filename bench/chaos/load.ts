// The simulated field force: reps capturing leads, checking in and out with their own visit ids, giving leads back
// to the pool and racing to claim them, winning leads and converting them into merchants, uploading shop photos;
// managers editing their areas. Through either gateway. Like the field app, a client sends every POST with an
// Idempotency-Key and retries timeouts, refused connections and 5xx answers with the same key until its deadline.
import { randomBytes, randomInt } from 'node:crypto';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { sleep } from './daemon';
import type { Ledger } from './ledger';

const ATTEMPT_TIMEOUT_MS = 10_000;
/** A write is given up (never acknowledged, so nothing is promised) when it cannot get through in this time. */
const WRITE_DEADLINE_MS = 150_000;
const PASSWORD = 'demo1234';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** Whether an earlier attempt of this write may have reached the server (its answer was lost). */
  ambiguous: boolean;
  etag?: string;
}

class FieldClient {
  private token = '';
  private gateway: number;

  constructor(
    readonly email: string,
    private readonly gateways: string[],
    private readonly ledger: Ledger,
    preferred: number,
    private readonly stopping: () => boolean,
  ) {
    this.gateway = preferred % gateways.length;
  }

  userId = '';

  async login(): Promise<void> {
    const answer = await this.send('POST', '/api/v1/auth/login', { email: this.email, password: PASSWORD }, undefined, false);
    if (answer.status !== 200) throw new Error(`login of ${this.email} answered ${answer.status}`);
    this.token = String(answer.body.accessToken);
    const me = await this.send('GET', '/api/v1/me', undefined, undefined, true);
    this.userId = String((me.body.user as { id?: string } | undefined)?.id ?? '');
  }

  /** One logical request, retried with the same key and body until it gets a final answer or its deadline. */
  async send(
    method: string,
    path: string,
    body: unknown,
    key: string | undefined,
    authorised = true,
    extra: { headers?: Record<string, string>; raw?: { type: string; bytes: Buffer } } = {},
  ): Promise<Answer> {
    const deadline = Date.now() + WRITE_DEADLINE_MS;
    let ambiguous = false;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { ...extra.headers };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (extra.raw) headers['content-type'] = extra.raw.type;
      if (authorised) headers.authorization = `Bearer ${this.token}`;
      if (key) headers['idempotency-key'] = key;
      const started = performance.now();
      let status = 0;
      let retryAfterS = 0;
      let parsed: Record<string, unknown> = {};
      let lastEtag: string | undefined;
      let timedOut = false;
      try {
        const response = await fetch(`${this.gateways[this.gateway]}${path}`, {
          method,
          headers,
          body: extra.raw ? new Uint8Array(extra.raw.bytes) : body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        status = response.status;
        retryAfterS = Number(response.headers.get('retry-after') ?? 0);
        lastEtag = response.headers.get('etag') ?? undefined;
        const text = await response.text();
        parsed = text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch (error) {
        status = 0;
        timedOut = error instanceof Error && error.name === 'TimeoutError';
      }
      const failed = status === 0 || status >= 500;
      this.ledger.request(performance.now() - started, status, timedOut);
      if (status === 500) this.ledger.violation(`${method} ${path} answered 500: ${String(parsed.detail ?? '')}`);
      if (status === 401 && authorised && attempt < 3) {
        await this.login();
        continue;
      }
      // The first attempt with this key is still running (its answer was lost on the way): ask again later.
      const stillRunning = status === 409 && key !== undefined && parsed.code === 'in-progress';
      // The first attempt was carried out and only its answer lost (it failed after its commit): the write happened.
      if (status === 409 && key !== undefined && parsed.code === 'answer-lost') return { status, body: parsed, ambiguous: true };
      if (!failed && status !== 429 && !stillRunning) return { status, body: parsed, ambiguous, etag: lastEtag };
      // A timeout or a dropped connection may have reached the service: the retry must carry the same key.
      if (status === 0 || status === 502 || status === 504) ambiguous = true;
      if (Date.now() > deadline || (this.stopping() && Date.now() > deadline - WRITE_DEADLINE_MS / 2)) {
        return { status, body: parsed, ambiguous };
      }
      // A load balancer's move: a gateway that does not answer gets the next try on the other one.
      if (status === 0 || status === 502) this.gateway = (this.gateway + 1) % this.gateways.length;
      await sleep(retryAfterS > 0 ? Math.min(retryAfterS, 5) * 1000 : Math.min(250 * 2 ** attempt, 3_000));
    }
  }
}

/** Leads given back to the public pool, which reps race to claim. */
const releasedPool: string[] = [];

function somewhereInSingapore(): { lat: number; lng: number } {
  return { lat: 1.29 + Math.random() * 0.07, lng: 103.78 + Math.random() * 0.12 };
}

async function repRound(client: FieldClient, ledger: Ledger): Promise<void> {
  const point = somewhereInSingapore();
  const name = `Chaos store ${randomBytes(6).toString('hex')}`;
  const lead = await client.send('POST', '/api/v1/leads', { name, category: 'grocery', ...point }, uuidv7());
  if (lead.status !== 201 && lead.status !== 200) {
    if (lead.status !== 409 && lead.status !== 422 && lead.status < 500 && lead.status !== 0)
      ledger.violation(`lead capture answered ${lead.status}: ${String(lead.body.detail ?? '')}`);
    return;
  }
  const leadId = String(lead.body.id);
  ledger.ack({ kind: 'lead', id: leadId, userId: client.userId });

  const visitId = uuidv7();
  const visit = await client.send(
    'POST',
    '/api/v1/visits',
    {
      id: visitId,
      targetType: 'lead',
      targetId: leadId,
      ...point,
      accuracyM: 8,
      deviceTime: new Date().toISOString(),
      mockLocation: false,
    },
    uuidv7(),
  );
  // 409 answer-lost: the check-in was made and only its answer lost.
  if (visit.status === 201 || visit.status === 200 || visit.body.code === 'answer-lost') {
    ledger.ack({ kind: 'visit', id: visitId });
    const out = await client.send(
      'POST',
      `/api/v1/visits/${visitId}/check-out`,
      { deviceTime: new Date().toISOString(), outcome: 'met-owner', notes: 'chaos', answers: { decisionMakerMet: true } },
      uuidv7(),
    );
    if (out.status === 200 || out.status === 202) ledger.ack({ kind: 'check-out', id: visitId });
    else if (!(out.ambiguous && out.status === 409)) ledger.violation(`check-out answered ${out.status}: ${String(out.body.detail ?? '')}`);
  } else if (visit.status >= 400 && visit.status < 500) {
    ledger.violation(`check-in answered ${visit.status}: ${String(visit.body.detail ?? '')}`);
  }

  const release = await client.send('POST', `/api/v1/leads/${leadId}/release`, undefined, uuidv7());
  if (release.status === 200) {
    ledger.ack({ kind: 'release', id: leadId });
    releasedPool.push(leadId);
  }

  // Race the other reps for a lead someone gave back; the loser answers 409.
  const candidate = releasedPool[Math.floor(Math.random() * releasedPool.length)];
  if (candidate) {
    const claim = await client.send('POST', `/api/v1/leads/${candidate}/claim`, undefined, uuidv7());
    if (claim.status === 200) {
      ledger.ack({ kind: 'claim', id: candidate, userId: client.userId });
      // Give it back at once, so no rep runs into the claim limit and the pool stays full.
      const back = await client.send('POST', `/api/v1/leads/${candidate}/release`, undefined, uuidv7());
      if (back.status === 200) ledger.ack({ kind: 'release', id: candidate });
    }
  }
}

/** A Singapore UEN of a local company (year, five digits, a letter): unique enough for the run's merchants. */
const aUen = () => `${2000 + randomInt(25)}${String(randomInt(100_000)).padStart(5, '0')}${String.fromCharCode(65 + randomInt(26))}`;

/** Wins a lead of their own and asks for its merchant (the conversion saga through the merchant service). */
async function convertRound(client: FieldClient, ledger: Ledger): Promise<void> {
  const point = somewhereInSingapore();
  const name = `Chaos shop ${randomBytes(6).toString('hex')}`;
  const lead = await client.send('POST', '/api/v1/leads', { name, category: 'grocery', ...point }, uuidv7());
  if (lead.status !== 201 && lead.status !== 200) return;
  const leadId = String(lead.body.id);
  ledger.ack({ kind: 'lead', id: leadId, userId: client.userId });
  const won = await client.send('POST', `/api/v1/leads/${leadId}/stage`, { to: 'won' }, uuidv7());
  if (won.status !== 200) {
    if (!(won.ambiguous && won.status === 409) && won.status < 500 && won.status !== 0)
      ledger.violation(`moving a lead to won answered ${won.status}: ${String(won.body.detail ?? '')}`);
    return;
  }
  const convert = await client.send(
    'POST',
    `/api/v1/leads/${leadId}/convert`,
    { legalName: `${name} Pte Ltd`, businessId: aUen(), phone: '+65 9000 1111' },
    uuidv7(),
  );
  if (convert.status === 200) ledger.ack({ kind: 'conversion', id: leadId });
  else if (convert.status < 500 && convert.status !== 0 && !(convert.ambiguous && convert.status === 409))
    ledger.violation(`conversion answered ${convert.status}: ${JSON.stringify(convert.body.errors ?? convert.body.detail ?? '')}`);
}

let photo: Buffer | undefined;

/** A shop-front photo, uploaded as the field app does (multipart), with an Idempotency-Key. */
async function uploadRound(client: FieldClient, ledger: Ledger): Promise<void> {
  photo ??= await sharp({ create: { width: 32, height: 24, channels: 3, background: '#4a7' } })
    .png()
    .toBuffer();
  const boundary = `chaos${randomBytes(8).toString('hex')}`;
  const bytes = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nvisit-photo\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="shop.png"\r\nContent-Type: image/png\r\n\r\n`),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const upload = await client.send('POST', '/api/v1/files', undefined, uuidv7(), true, {
    raw: { type: `multipart/form-data; boundary=${boundary}`, bytes },
  });
  if (upload.status === 201 || upload.status === 200) ledger.ack({ kind: 'upload', id: String(upload.body.id) });
  else if (upload.status < 500 && upload.status !== 0 && upload.status !== 409)
    ledger.violation(`upload answered ${upload.status}: ${String(upload.body.detail ?? '')}`);
}

/** A manager renames nothing but re-weighs an area: read it, then PATCH its priority with If-Match. */
async function areaEditRound(client: FieldClient, ledger: Ledger, areas: string[]): Promise<void> {
  const id = areas[randomInt(areas.length)];
  if (!id) return;
  const current = await client.send('GET', `/api/v1/areas/${id}`, undefined, undefined);
  if (current.status !== 200 || !current.etag) return;
  const priority = randomInt(-100, 100);
  const edit = await client.send('PATCH', `/api/v1/areas/${id}`, { priority }, undefined, true, { headers: { 'if-match': current.etag } });
  if (edit.status === 200) ledger.ack({ kind: 'area edit', id, version: Number(edit.body.version) });
  // 412: another manager (or this one's own lost attempt) changed it first; the next round reads it again.
  else if (edit.status !== 412 && edit.status < 500 && edit.status !== 0)
    ledger.violation(`area edit answered ${edit.status}: ${String(edit.body.detail ?? '')}`);
}

export interface LoadRun {
  stop(): Promise<void>;
}

/** Singapore's managers, who edit the areas they manage. */
const MANAGERS = ['countrymanager.sg@fieldops.test', 'citymanager1.sg@fieldops.test'];

/**
 * A rep's pause between rounds. A field rep works at a human pace; reps that fire round after round with no pause
 * would hold the machine at 100% CPU, leaving it no headroom, so that how fast it catches up after a fault would
 * measure only the scheduler's share. With the pause the steady load stays well below saturation, as a box is run.
 */
const REP_PAUSE_MS: [number, number] = [200, 800];

/**
 * The areas a manager may edit. Right after the seed their scope may not name them yet: it is resolved from the
 * account service's copy of the area assignments (fed by events) and cached for 30 s, so this asks again until it does.
 */
async function areasOf(manager: FieldClient): Promise<string[]> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const listed = await manager.send('GET', '/api/v1/areas?country=SG&limit=100', undefined, undefined);
    const areas = ((listed.body.items as { id: string }[] | undefined) ?? []).map((area) => area.id);
    if (areas.length > 0) return areas;
    if (Date.now() > deadline) throw new Error(`${manager.email} sees no areas after 90 s (${listed.status})`);
    await sleep(1_000);
  }
}

/**
 * Starts `reps` simulated reps (rep1.sg … repN.sg) and the managers, spread over both gateways; they run until
 * `stop()`. A rep's round is mostly the field visit, now and then a conversion or a photo upload.
 */
export async function startLoad(gateways: string[], reps: number, ledger: Ledger): Promise<LoadRun> {
  let stopping = false;
  const clients = Array.from(
    { length: reps },
    (_, i) => new FieldClient(`rep${i + 1}.sg@fieldops.test`, gateways, ledger, i, () => stopping),
  );
  const managers = MANAGERS.map((email, i) => new FieldClient(email, gateways, ledger, i + 1, () => stopping));
  for (const client of [...clients, ...managers]) await client.login();
  const round = (client: FieldClient) => {
    const dice = Math.random();
    if (dice < 0.15) return convertRound(client, ledger);
    if (dice < 0.3) return uploadRound(client, ledger);
    return repRound(client, ledger);
  };
  const loops = clients.map(async (client) => {
    while (!stopping) {
      await round(client).catch((error: unknown) => ledger.violation(`a rep's round failed: ${String(error)}`));
      await sleep(REP_PAUSE_MS[0] + Math.random() * (REP_PAUSE_MS[1] - REP_PAUSE_MS[0]));
    }
  });
  for (const manager of managers) {
    const areas = await areasOf(manager);
    loops.push(
      (async () => {
        while (!stopping) {
          await areaEditRound(manager, ledger, areas).catch((error: unknown) => ledger.violation(`an area edit failed: ${String(error)}`));
          await sleep(500 + Math.random() * 1_500);
        }
      })(),
    );
  }
  return {
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
