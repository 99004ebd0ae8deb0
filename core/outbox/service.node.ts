/**
 * The outbox (issue 13): applications submitted on this device, sealed at once for the hub and
 * delivered exactly once, however bad the network (SECURITY.md "Personal data", "Upload").
 *
 *  - submit: the form is validated with its service's schema (core/forms), wrapped as a
 *    SealedApplication (the form and the consent's text version), sealed with the pinned
 *    sealing key (a fresh ephemeral key each time) and inserted in one statement — plaintext
 *    never touches the disk. The device cannot read it back. In the same transaction it gets
 *    the next receipt number of this enrolment's blocks (issue 14: a person leaves with it, even
 *    offline); the hub gives another block when fewer than RECEIPT_LOW_WATER are left
 *    (topUpReceipts, whenever the device has talked to the hub).
 *  - receiptStatus: a person's own check by receipt number and phone, asked of the hub (the
 *    phone goes to the hub only; it is never stored or logged here).
 *  - the uploader: oldest first, batches of at most MAX_BATCH, each request signed with the
 *    device's key. Only a 200 with `application/json` that parses as an UploadAnswer and answers
 *    every client id counts; each Received moves its record to sent (receipt kept, sealed bytes
 *    set to NULL), each Refused to "needs attention" with the hub's words, never deleted and
 *    never blocking the others. The network, a 5xx or anything that is not the hub's answer (a
 *    captive portal's HTML) is tried again with exponential backoff and full jitter, forever, in
 *    the background; a 401/403 for the whole request (the device revoked, its clock off) pauses
 *    the uploader with that reason, the records staying pending. The state is the database, so
 *    a restart resumes where the last one stopped; the hub's intake is idempotent by client id,
 *    so a batch resent after a crash gets the same receipts. What went wrong is kept in English
 *    (logs, the CLI) and as a stable problem code (OUTBOX_PROBLEMS: the uploader's lastProblem,
 *    each pending application's last_problem), which the status view says in plain words.
 *    The uploader's own failure (an error of this program while preparing a request or keeping
 *    the hub's answer) is counted like any other try: each application in hand gets a try and
 *    last_problem `failed` with plain words (failedWords: the error's class and code, never its
 *    own message) in one transaction, so it is said after a restart too; the pause (the hub's
 *    code) is kept in the transaction that counts its tries (migration 006).
 */
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Emitter } from '../contract/events.js';
import type { Logger } from '../log.node.js';
import { checkForm, formFor, SERVICE_IDS, submittedAs, type FormSpec } from '../forms/registry.js';
import { normalizeKoreanPhone } from '../forms/phone.js';
import { KioskApiError } from '../contract/result.js';
import { isOutboxProblem, type OutboxProblem } from '../contract/lists.js';
import { CatalogueFigureError, type FormCatalogue } from '../forms/catalogue.js';
import { MAX_BATCH, MAX_SEALED_BYTES, parseReceipt, Received, RECEIPT_BLOCK_SIZE, RECEIPT_LOW_WATER, ReceiptBlock, ReceiptStatus, SealedApplication, UploadAnswer, type Upload, type UploadResult } from '../../sync/protocol/intake.js';
import { seal } from '../../sync/protocol/seal.node.js';
import { deviceAuthorization } from '../../sync/protocol/device-auth.node.js';
import { fingerprint } from '../../sync/protocol/keys.node.js';
import { intakeUrl, networkCause, readDevice, type DeviceFile } from './enrol.node.js';
import { OutboxError } from './errors.js';
import { outboxFile, OutboxStore, type Counts, type HubStatus, type OutboxRecord, type PendingRow, type RecordState, type StoredPause } from './store.node.js';
import { exportOutbox, pendingForExport, type ExportResult } from './export.node.js';

/** A person's own check of an application at the hub (receipt number and phone), as the channel answers it. */
export interface ReceiptCheck {
  receipt: string;
  service: string;
  /** received; a reservation requested until the centre confirms or declines it */
  status: HubStatus;
  receivedAt: string;
  statusAt: string | null;
  reason: string | null;
}

/** An application's envelope for its printed receipt: nothing personal. */
export interface ReceiptEnvelope {
  clientId: string;
  service: string;
  createdAt: string;
  receipt: string | null;
  state: 'pending' | 'sent' | 'attention';
  status: HubStatus | null;
  /** a decline's reason (the centre's words) */
  statusReason: string | null;
}

/** how long a person at the kiosk waits for the hub to answer a receipt lookup */
const LOOKUP_TIMEOUT_MS = 15_000;
import { IDLE_CHECK_MS, PAUSED_RETRY_MS, retryDelay } from './backoff.js';

export type UploaderState = 'idle' | 'sending' | 'waiting' | 'paused' | 'not_enrolled' | 'stopped';

export interface OutboxStatus extends Counts {
  device: { enrolled: boolean; deviceId: string | null; name: string | null; hubUrl: string | null; enrolledAt: string | null; keyFingerprint: string | null };
  uploader: {
    state: UploaderState;
    /** when the next try is due (waiting, paused) */
    nextTryAt: string | null;
    /** what went wrong last (the network's or the hub's words, in English; never personal) */
    lastError: string | null;
    /** the same as a stable code (the UI says it in plain words in the kiosk's language) */
    lastProblem: OutboxProblem | null;
    /** a paused uploader's device-level reason: the hub's error code (revoked, clock_skew, …) */
    pausedReason: string | null;
  };
  records: {
    clientId: string;
    service: string;
    createdAt: string;
    size: number;
    state: 'pending' | 'sent' | 'attention';
    attempts: number;
    receipt: string | null;
    receivedAt: string | null;
    lastError: string | null;
    /** pending: why the last try did not send it, as a stable code (null before migration 005) */
    lastProblem: OutboxProblem | null;
    /** needs attention: the hub's code and words */
    code: string | null;
    reason: string | null;
    /** sent: received at the hub; a reservation requested until the centre confirms or declines it (asked of the hub by receipt) */
    status: HubStatus | null;
    /** when the centre answered */
    statusAt: string | null;
    /** a decline's reason (the centre's words) */
    statusReason: string | null;
  }[];
  /** applications a counsellor discarded (their envelopes, the hub's reason, who and when): newest first, the latest 20 */
  discarded: {
    count: number;
    records: { clientId: string; service: string; createdAt: string; size: number; code: string | null; reason: string | null; discardedBy: string; discardedAt: string }[];
  };
}

/** What a counsellor's retry or discard did (the caller says it in its own words). */
export type QueueAction =
  | { ok: true; clientId: string; state: 'pending' | 'discarded'; at: string }
  | { ok: false; clientId: string; why: 'not_found' | 'not_attention'; state?: RecordState };

export interface Submitted {
  client_id: string;
  service: string;
  created_at: string;
  size: number;
  state: 'pending';
  /** the receipt number given on the device from the hub's block (issue 14), null when none is left */
  receipt?: string | null;
}

/** What one round of asking the hub for the centre's answers did. */
export interface StatusCheck {
  /** receipts asked about */
  checked: number;
  /** answered (confirmed or declined) since the last round */
  answered: number;
  /** why the round stopped early (the hub not reachable, the device refused): asked again later */
  stopped?: string;
}

/** receipts asked about in one round (the longest unasked first) */
const STATUS_BATCH = 20;

/** How one pass through the outbox ended. */
export interface PassResult {
  sent: number;
  attention: number;
  /** why the pass stopped before the outbox was empty (failed: the uploader's own failure on this device, counted against the applications in hand) */
  stopped?: { kind: 'transient' | 'paused' | 'not_enrolled' | 'failed'; message: string; code?: string; problem?: OutboxProblem };
}

/** Where in a pass the uploader itself failed: making a request (reading the applications, the key, the body, signing) or keeping the hub's answer. */
export type FailedStage = 'preparing' | 'recording';

/**
 * The words kept for the uploader's own failure (an application's last_error, the uploader's
 * lastError, `cli outbox`): a fixed sentence with the error's class and code only — never the
 * error's own message, which could quote what it failed on (the sealed bytes, a value); that
 * goes only to the log, whose serializer keeps the class, message and stack, never the input.
 */
export function failedWords(e: unknown, stage: FailedStage): string {
  const name = e instanceof Error && /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(e.name) ? e.name : 'Error';
  const rawCode = (e as { code?: unknown } | null)?.code;
  const code = typeof rawCode === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(rawCode) ? ` ${rawCode}` : '';
  const while_ = stage === 'recording' ? "keeping the hub's answer" : 'preparing the applications to send';
  return `the uploader failed on this device while ${while_} (${name}${code}); the applications are kept and tried again`;
}

export interface OutboxServiceOptions {
  dataDir: string;
  /** db/migrations/outbox (the app's resources) */
  migrationsDir: string;
  events: Emitter;
  logger: Logger;
  /** the clock applications are dated by (the env's); request signatures always use the real time */
  now?: () => Date;
  /** a request with no answer for this long is given up and tried again later (default 60 s) */
  requestTimeoutMs?: number;
  random?: () => number;
  /** the catalogue in use: the service forms (입원아동 돌봄, …) take their rules and figures from it */
  catalogue?: () => FormCatalogue;
  /** services only a signed-in counsellor submits (submit without `counsellor` refuses them as unknown) */
  counsellorOnly?: ReadonlySet<string>;
}

/** What one request got back: a transient outcome says what went wrong in English (logs, the CLI) and as a stable code (the UI's words). */
export type Outcome =
  | { kind: 'answered'; results: UploadResult[] }
  | { kind: 'transient'; problem: Exclude<OutboxProblem, 'paused' | 'put_back' | 'failed' | 'bad_device'>; message: string }
  | { kind: 'paused'; code: string; message: string }
  | { kind: 'refused'; code: string; message: string; status: number };

const looksLikePage = (type: string, text: string) => /text\/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text);

function hubError(type: string, text: string): { error: string; message: string } | null {
  if (!/application\/json/i.test(type)) return null;
  try {
    const b = JSON.parse(text) as { error?: unknown; message?: unknown };
    return typeof b.error === 'string' && typeof b.message === 'string' ? { error: b.error, message: b.message } : null;
  } catch {
    return null;
  }
}

/** What one request got back: the hub's (or something's) answer, or why none came, in English and as a code. */
export type Answer = { status: number; type: string; text: string } | { failed: string; problem: 'unreachable' | 'cut_short' };

/**
 * What an answer to an upload means for the applications sent in it (`ids`; `single`: one PUT).
 * Only the hub's upload answer naming every one counts; anything else is transient (tried
 * again), each with a stable problem code next to its English message: unreachable and
 * cut_short (no answer), hub_busy (5xx, 429, 408), wifi_login (a redirect or a web page: a Wi-Fi
 * login page), not_hub (not JSON, the wrong shape, an unexpected status), incomplete (the
 * hub's answer leaves some out). A 401/403 in the hub's words pauses; another 4xx in its words
 * refuses the request as a whole.
 */
export function classifyUpload(r: Answer, ids: string[], single: boolean): Outcome {
  if ('failed' in r) return { kind: 'transient', problem: r.problem, message: r.failed };
  const { status, type, text } = r;
  const err = hubError(type, text);
  const page = looksLikePage(type, text);
  const notHub = page ? ('wifi_login' as const) : ('not_hub' as const);
  if (status >= 500 || status === 429 || status === 408) return { kind: 'transient', problem: 'hub_busy', message: `the hub answered ${status}${err ? ` (${err.error})` : ''}` };
  if (status >= 300 && status < 400) return { kind: 'transient', problem: 'wifi_login', message: `the address sent the device elsewhere (${status}): a Wi-Fi login page?` };
  if (status === 401 || status === 403) {
    if (err) return { kind: 'paused', code: err.error, message: err.message };
    return { kind: 'transient', problem: notHub, message: `${status} from something that is not the hub${page ? ' (a web page — a Wi-Fi login page?)' : ''}` };
  }
  if (status === 200 || status === 201) {
    if (!/application\/json/i.test(type)) return { kind: 'transient', problem: notHub, message: `the answer was ${page ? 'a web page — a Wi-Fi login page?' : `not JSON (${type || 'no content type'})`}, not the hub's; nothing is counted as sent` };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: 'transient', problem: 'not_hub', message: 'the answer said JSON but was not; nothing is counted as sent' };
    }
    let results: UploadResult[];
    if (single) {
      const one = Received.safeParse(json);
      const many = UploadAnswer.safeParse(json);
      if (one.success) results = [one.data];
      else if (many.success) results = many.data.results;
      else return { kind: 'transient', problem: 'not_hub', message: "the answer is not the hub's receipt; nothing is counted as sent" };
    } else {
      const a = UploadAnswer.safeParse(json);
      if (!a.success || status !== 200) return { kind: 'transient', problem: 'not_hub', message: "the answer is not the hub's upload answer; nothing is counted as sent" };
      results = a.data.results;
    }
    const answered = new Set(results.map((x) => x.client_id));
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length) return { kind: 'transient', problem: 'incomplete', message: `the hub's answer leaves out ${missing.length} of the ${ids.length} applications sent; nothing is counted as sent` };
    return { kind: 'answered', results };
  }
  // a 4xx for the request as a whole: the hub's words (JSON) refuse what was sent; anything else is not the hub
  if (err && status !== 404 && status !== 405) return { kind: 'refused', code: err.error, message: err.message, status };
  return { kind: 'transient', problem: notHub, message: `the hub answered ${status}${err ? ` (${err.error}: ${err.message})` : page ? ' with a web page' : ''}` };
}

export class OutboxService {
  private storeRef: OutboxStore | null = null;
  private state: UploaderState = 'stopped';
  private nextTryAt: Date | null = null;
  private lastError: string | null = null;
  private lastProblem: OutboxProblem | null = null;
  private pausedReason: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private background = false;
  private stopped = false;
  private running: Promise<PassResult> | null = null;
  private again = false;
  private failures = 0;

  constructor(private readonly o: OutboxServiceOptions) {}

  private get now(): () => Date {
    return this.o.now ?? (() => new Date());
  }

  /** The database, opened on first use (a kiosk that never takes an application never makes one). */
  private store(): OutboxStore {
    return (this.storeRef ??= new OutboxStore(this.o.dataDir, this.o.migrationsDir));
  }

  device(): DeviceFile | null {
    return readDevice(this.o.dataDir);
  }

  counts(): Counts {
    if (!this.storeRef && !existsSync(outboxFile(this.o.dataDir))) return { pending: 0, sent: 0, attention: 0 };
    return this.store().counts();
  }

  private lastChange = '';
  /** Announces the outbox's counts and the uploader's state when they (or the next try's time) changed. */
  private changed(): void {
    // the counts are a query over the whole outbox: not worked out for nobody (the CLI, a burst of submits with no screen listening)
    if (!this.o.events.heard('outbox.changed')) {
      this.lastChange = '';
      return;
    }
    const c = this.counts();
    const key = `${c.pending}/${c.sent}/${c.attention}/${this.state}/${this.nextTryAt?.getTime() ?? ''}`;
    if (key === this.lastChange) return;
    this.lastChange = key;
    this.o.events.emit('outbox.changed', { ...c, uploader: this.state });
  }

  private formFor(service: string, counsellor: boolean): FormSpec | undefined {
    if (!counsellor && this.o.counsellorOnly?.has(service)) return undefined;
    try {
      return formFor(service, { catalogue: this.o.catalogue?.(), today: this.now().toISOString().slice(0, 10) });
    } catch (e) {
      if (e instanceof CatalogueFigureError)
        throw new OutboxError('unknown_service', `the ${service} form cannot be made from the catalogue in use (${e.message}); update the catalogue (cli sync), or apply through the agency`);
      throw e;
    }
  }

  /**
   * Validates, seals and stores one application; answers its envelope. Throws OutboxError
   * (bad_form with the problems, not_enrolled, unknown_service). `counsellor`: the signed-in
   * counsellor applying on a family's behalf — their name is sealed with the application (the
   * hub reads it), never put in the envelope, the database or a log.
   */
  submit(input: { service: string; form: unknown; counsellor?: string }): Submitted {
    const spec = this.formFor(input.service, input.counsellor !== undefined);
    if (!spec) {
      const known = SERVICE_IDS.filter((x) => input.counsellor !== undefined || !this.o.counsellorOnly?.has(x));
      throw new OutboxError('unknown_service', `there is no form for service "${input.service.slice(0, 80)}"${input.counsellor === undefined && this.o.counsellorOnly?.has(input.service) ? ' outside the counsellor mode' : ''}; the services are ${known.join(', ')}`);
    }
    const check = checkForm(spec, input.form);
    if (!check.ok) {
      const p = check.problems;
      throw new OutboxError('bad_form', `the form is not complete: ${p.map((x) => `${x.field} (${x.code})`).join(', ')}`, p);
    }
    const device = this.device();
    if (!device)
      throw new OutboxError('not_enrolled', 'this device is not enrolled with a hub, so an application cannot be sealed for it: an operator enrols it first (cli enrol --hub URL --code CODE, the code from `cli hub enrol-device NAME` at the hub)');
    const client_id = randomUUID();
    const created_at = this.now().toISOString();
    const application = SealedApplication.parse({ format: 1, client_id, service: spec.service, created_at, form: check.form, consent: { version: check.consentVersion, given_at: created_at } });
    // (SealedApplication strips what it does not know: the counsellor is added after the check)
    const plaintext = Buffer.from(JSON.stringify(input.counsellor !== undefined ? { ...application, counsellor: { name: input.counsellor } } : application), 'utf8');
    let sealed: Buffer;
    try {
      sealed = seal(plaintext, device.sealing_key, { client_id, service: spec.service, created_at });
    } finally {
      plaintext.fill(0);
    }
    if (sealed.length > MAX_SEALED_BYTES) throw new OutboxError('too_large', `the sealed application is ${sealed.length} bytes; the hub takes at most ${MAX_SEALED_BYTES}`);
    this.blocksFromEnrolment(device);
    // the next receipt number of this enrolment's blocks, given in the transaction that stores it
    const { receipt } = this.store().insertWithReceipt({ client_id, service: spec.service, created_at, sealed }, device.device_id);
    this.o.logger.info(
      { event: 'outbox.submitted', client_id, service: spec.service, size: sealed.length, receiptGiven: receipt !== null, ...(input.counsellor !== undefined ? { byCounsellor: true } : {}) },
      'an application was sealed into the outbox',
    );
    if (receipt === null) this.o.logger.warn({ event: 'outbox.no_receipts', client_id }, 'no receipt number was left on this device: the hub gives this application its number when it arrives');
    this.changed();
    this.kick();
    return { client_id, service: spec.service, created_at, size: sealed.length, state: 'pending', receipt };
  }

  private blocksImported = new Set<string>();
  /** The first block of receipt numbers, which came with the enrolment (device.json), kept in the outbox's database once. */
  private blocksFromEnrolment(device: DeviceFile): void {
    if (!device.receipt_block || this.blocksImported.has(device.device_id)) return;
    this.store().addReceiptBlock(device.device_id, device.receipt_block, device.enrolled_at);
    this.blocksImported.add(device.device_id);
  }

  /**
   * Asks the hub for another block of receipt numbers when this enrolment has fewer than
   * RECEIPT_LOW_WATER left (device-signed POST /intake/v1/receipt-blocks); called whenever the
   * device has talked to the hub. Never throws: what went wrong is logged, and asked again later.
   * Answers the numbers left afterwards.
   */
  async topUpReceipts(signal?: AbortSignal): Promise<number> {
    let device: DeviceFile | null;
    try {
      device = this.device();
      if (!device) return 0;
      // a kiosk that never took an application makes no outbox: the enrolment's block is whole
      if (!this.storeRef && !existsSync(outboxFile(this.o.dataDir)) && device.receipt_block) return RECEIPT_BLOCK_SIZE;
      this.blocksFromEnrolment(device);
      const left = this.store().receiptsLeft(device.device_id);
      if (left >= RECEIPT_LOW_WATER) return left;
      const r = await this.request(device, createPrivateKey(device.private_key), 'POST', 'receipt-blocks', '{}', signal);
      if ('failed' in r) {
        this.o.logger.warn({ event: 'outbox.receipt_block_failed', reason: r.failed, left }, 'asking the hub for more receipt numbers failed; asked again later');
        return left;
      }
      let block: ReceiptBlock | null = null;
      if ((r.status === 200 || r.status === 201) && /application\/json/i.test(r.type)) {
        try {
          const parsed = ReceiptBlock.safeParse(JSON.parse(r.text));
          if (parsed.success) block = parsed.data;
        } catch {
          // not JSON: not the hub's answer
        }
      }
      if (!block) {
        const err = hubError(r.type, r.text);
        this.o.logger.warn({ event: 'outbox.receipt_block_failed', status: r.status, code: err?.error, reason: err?.message, left }, 'the hub gave no receipt block; asked again later');
        return left;
      }
      const added = this.store().addReceiptBlock(device.device_id, block.prefix, this.now().toISOString());
      if (added) this.o.logger.info({ event: 'outbox.receipt_block', block: block.prefix }, 'the hub gave this device another block of receipt numbers');
      return this.store().receiptsLeft(device.device_id);
    } catch (e) {
      this.o.logger.error({ event: 'outbox.receipt_block_failed', err: e }, 'asking the hub for more receipt numbers failed; asked again later');
      return 0;
    }
  }

  /** An application's envelope for its printed receipt (nothing personal); undefined for an unknown or discarded one. */
  receiptEnvelope(clientId: string): ReceiptEnvelope | undefined {
    if (!this.storeRef && !existsSync(outboxFile(this.o.dataDir))) return undefined;
    const r = this.store().record(clientId);
    if (!r || r.state === 'discarded') return undefined;
    return { clientId: r.client_id, service: r.service, createdAt: r.created_at, receipt: r.receipt, state: r.state, status: r.status, statusReason: r.status_reason };
  }

  /**
   * A person's own check of an application (a kiosk that is online): the receipt number and the
   * phone number given on the form, asked of the hub (device-signed POST
   * /intake/v1/receipts/lookup), which compares the phone with the sealed application's. The
   * phone goes only to the hub: never stored, logged or put in a message. Refusals are the
   * channel's errors: bad_request naming the field (receipt, phone); not_found (an unknown
   * receipt and a wrong phone alike); unavailable with reason not_enrolled, offline (the hub
   * cannot be reached or did not answer as the hub), rate_limited, or the hub's word for
   * refusing the device (revoked, clock_skew).
   */
  async receiptStatus(input: { receipt: string; phone: string }, signal?: AbortSignal): Promise<ReceiptCheck> {
    const receipt = parseReceipt(input.receipt);
    if (!receipt)
      throw new KioskApiError({ code: 'bad_request', field: 'receipt', reason: 'bad_receipt', message: 'receipt: not a receipt number — nine digits as 1234-5678-9, whose last digit checks the others (a digit may be mistyped)' });
    const phone = normalizeKoreanPhone(input.phone);
    if (!phone) throw new KioskApiError({ code: 'bad_request', field: 'phone', reason: 'bad_phone', message: 'phone: not a Korean phone number (e.g. 010-1234-5678)' });
    let device: DeviceFile | null;
    try {
      device = this.device();
    } catch (e) {
      throw new KioskApiError({ code: 'unavailable', reason: 'not_enrolled', message: (e as Error).message });
    }
    if (!device) throw new KioskApiError({ code: 'unavailable', reason: 'not_enrolled', message: 'this device is not enrolled with a hub, so it cannot ask the hub about a receipt (cli enrol --hub URL --code CODE)' });
    const r = await this.request(device, createPrivateKey(device.private_key), 'POST', 'receipts/lookup', JSON.stringify({ receipt, phone }), signal, LOOKUP_TIMEOUT_MS);
    const offline = (why: string) => {
      this.o.logger.warn({ event: 'outbox.lookup_failed', reason: why }, 'a receipt lookup did not reach the hub');
      return new KioskApiError({ code: 'unavailable', reason: 'offline', message: `the hub cannot be asked now: ${why}` });
    };
    if ('failed' in r) throw offline(r.failed);
    const err = hubError(r.type, r.text);
    if (r.status === 200 && /application\/json/i.test(r.type)) {
      let answer: ReceiptStatus | null = null;
      try {
        const parsed = ReceiptStatus.safeParse(JSON.parse(r.text));
        if (parsed.success && parsed.data.receipt === receipt) answer = parsed.data;
      } catch {
        // not JSON: not the hub's answer
      }
      if (!answer) throw offline("the answer is not the hub's receipt status");
      this.o.logger.info({ event: 'outbox.lookup', found: true }, 'a receipt was looked up at the hub');
      const status: HubStatus = answer.status === 'received' && submittedAs(answer.service) === 'requested' ? 'requested' : answer.status;
      return { receipt: answer.receipt, service: answer.service, status, receivedAt: answer.received_at, statusAt: answer.status_at ?? null, reason: answer.reason ?? null };
    }
    if (r.status === 404 && err) {
      this.o.logger.info({ event: 'outbox.lookup', found: false }, 'a receipt was looked up at the hub');
      throw new KioskApiError({ code: 'not_found', message: 'no application has this receipt number with this phone number; check both' });
    }
    if (r.status === 429) throw new KioskApiError({ code: 'unavailable', reason: 'rate_limited', message: `too many lookups from this kiosk just now; try again in a minute${err ? ` (${err.message})` : ''}` });
    if (r.status === 400 && err) {
      const field = (() => {
        try {
          const f = (JSON.parse(r.text) as { field?: unknown }).field;
          return f === 'receipt' || f === 'phone' ? f : undefined;
        } catch {
          return undefined;
        }
      })();
      throw new KioskApiError({ code: 'bad_request', message: err.message, reason: err.error, ...(field ? { field } : {}) });
    }
    if ((r.status === 401 || r.status === 403) && err) throw new KioskApiError({ code: 'unavailable', reason: err.error, message: err.message });
    throw offline(`the hub answered ${r.status}${err ? ` (${err.error})` : looksLikePage(r.type, r.text) ? ' with a web page — a Wi-Fi login page?' : ''}`);
  }

  status(): OutboxStatus {
    let device: DeviceFile | null = null;
    let deviceProblem: string | null = null;
    try {
      device = this.device();
    } catch (e) {
      deviceProblem = (e as Error).message;
    }
    const c = this.counts();
    const records: OutboxRecord[] = this.storeRef || existsSync(outboxFile(this.o.dataDir)) ? this.store().records() : [];
    return {
      ...c,
      device: {
        enrolled: device !== null,
        deviceId: device?.device_id ?? null,
        name: device?.name ?? null,
        hubUrl: device?.hub_url ?? null,
        enrolledAt: device?.enrolled_at ?? null,
        keyFingerprint: device ? fingerprint(device.signing_key) : null,
      },
      uploader: {
        state: device || this.state === 'stopped' ? this.state : 'not_enrolled',
        nextTryAt: this.nextTryAt?.toISOString() ?? null,
        lastError: deviceProblem ?? this.lastError,
        lastProblem: deviceProblem !== null ? 'bad_device' : this.lastError !== null ? this.lastProblem : null,
        pausedReason: this.state === 'paused' ? this.pausedReason : null,
      },
      records: records.map((r) => ({
        clientId: r.client_id,
        service: r.service,
        createdAt: r.created_at,
        size: r.size,
        state: r.state as 'pending' | 'sent' | 'attention', // records() lists no discarded row
        attempts: r.attempts,
        receipt: r.receipt,
        receivedAt: r.received_at,
        lastError: r.last_error,
        // (a code this version does not know — written by a newer app — is left unsaid; its English stays)
        lastProblem: r.last_error !== null && isOutboxProblem(r.last_problem) ? r.last_problem : null,
        code: r.attention_code,
        reason: r.attention_reason,
        status: r.status,
        statusAt: r.status_at,
        statusReason: r.status_reason,
      })),
      discarded: this.discardedView(),
    };
  }

  /**
   * The hub's refusal of this enrolment (revoked, clock_skew) as kept by the last try it refused
   * (migration 006), from any process — the CLI's `outbox` says it after a restart; null when the
   * hub has taken an upload since, or for another enrolment.
   */
  storedPause(): StoredPause | null {
    if (!this.storeRef && !existsSync(outboxFile(this.o.dataDir))) return null;
    let device: DeviceFile | null;
    try {
      device = this.device();
    } catch {
      return null;
    }
    return device ? (this.store().pause(device.device_id) ?? null) : null;
  }

  private discardedView(): OutboxStatus['discarded'] {
    if (!this.storeRef && !existsSync(outboxFile(this.o.dataDir))) return { count: 0, records: [] };
    const store = this.store();
    return {
      count: store.discardedCount(),
      records: store.discarded().map((r) => ({
        clientId: r.client_id,
        service: r.service,
        createdAt: r.created_at,
        size: r.size,
        code: r.attention_code,
        reason: r.attention_reason,
        discardedBy: r.discarded_by ?? '',
        discardedAt: r.discarded_at ?? '',
      })),
    };
  }

  /** Writes every pending application, as stored, into one device-signed file for a hub to import (export.node.ts); they stay pending here. */
  async exportTo(file: string): Promise<ExportResult> {
    return exportOutbox({ device: this.device(), rows: this.storeRef || existsSync(outboxFile(this.o.dataDir)) ? pendingForExport(this.store()) : [], file, logger: this.o.logger, now: this.now() });
  }

  // ---- a counsellor's actions on the queue (core/counsellor checks who is signed in) ---------

  private refused(clientId: string): QueueAction {
    const r = this.storeRef || existsSync(outboxFile(this.o.dataDir)) ? this.store().record(clientId) : undefined;
    return r ? { ok: false, clientId, why: 'not_attention', state: r.state } : { ok: false, clientId, why: 'not_found' };
  }

  /** Puts an application that needs attention back to pending (the uploader sends it again). `by`: the counsellor's name. */
  retry(clientId: string, by: string): QueueAction {
    const at = this.now().toISOString();
    if (!(this.storeRef || existsSync(outboxFile(this.o.dataDir))) || !this.store().retry(clientId, by, at)) return this.refused(clientId);
    this.o.logger.info({ event: 'outbox.retried', client_id: clientId }, 'a counsellor put an application that needed attention back to pending');
    this.changed();
    this.kick();
    return { ok: true, clientId, state: 'pending', at };
  }

  /**
   * Discards an application that needs attention, after the counsellor confirmed it: its sealed
   * bytes are deleted (zeroed by secure_delete, and the WAL truncated so no old frame keeps
   * them); its envelope stays, as discarded, with who and when. Nothing else can be discarded.
   */
  discard(clientId: string, by: string): QueueAction {
    const at = this.now().toISOString();
    if (!(this.storeRef || existsSync(outboxFile(this.o.dataDir))) || !this.store().discard(clientId, by, at)) return this.refused(clientId);
    this.store().checkpoint();
    this.o.logger.warn({ event: 'outbox.discarded', client_id: clientId }, 'a counsellor discarded an application that needed attention (its sealed bytes deleted; the envelope kept)');
    this.changed();
    return { ok: true, clientId, state: 'discarded', at };
  }

  // ---- sending ------------------------------------------------------------------------------

  /** One request to the hub, classified. */
  private async request(
    device: DeviceFile,
    key: KeyObject,
    method: 'POST' | 'PUT' | 'GET',
    route: string,
    body: string,
    signal?: AbortSignal,
    timeoutMs?: number,
  ): Promise<Answer> {
    const url = intakeUrl(device.hub_url, route);
    const path = `${url.pathname}${url.search}`;
    const timeout = AbortSignal.timeout(Math.min(timeoutMs ?? Infinity, this.o.requestTimeoutMs ?? 60_000));
    try {
      const res = await fetch(url, {
        method,
        headers: {
          ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}),
          accept: 'application/json',
          authorization: deviceAuthorization({ method, path, body }, { id: device.device_id, privateKey: key }, Date.now()),
        },
        body: method !== 'GET' ? body : undefined,
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        return { failed: `the answer was cut short (${networkCause(e)})`, problem: 'cut_short' };
      }
      return { status: res.status, type: res.headers.get('content-type') ?? '', text };
    } catch (e) {
      return { failed: `the hub at ${device.hub_url} cannot be reached (${networkCause(e)})`, problem: 'unreachable' };
    }
  }

  /** Keeps the hub's answer for each application in one transaction; the hub took the upload, so a kept pause is removed in it too. */
  private apply(results: UploadResult[]): { sent: number; attention: number } {
    const store = this.store();
    const at = this.now().toISOString();
    let sent = 0;
    let attention = 0;
    store.db.transaction(() => {
      store.unpause();
      for (const r of results) {
        if ('receipt' in r) {
          if (store.markSent(r.client_id, r.receipt, r.received_at, at)) sent++;
        } else if (store.markAttention(r.client_id, r.error, r.message, at)) {
          attention++;
          this.o.logger.warn({ event: 'outbox.attention', client_id: r.client_id, status: r.status, code: r.error }, 'the hub refused an application: it needs attention');
        }
      }
    })();
    return { sent, attention };
  }

  private upload = (r: PendingRow): Upload => ({
    client_id: r.client_id,
    service: r.service,
    created_at: r.created_at,
    size: r.sealed.length,
    sealed: r.sealed.toString('base64'),
    // the number given at submit: not personal, so in the clear (the hub takes it only from this device's blocks)
    ...(r.receipt !== null ? { receipt: r.receipt } : {}),
  });

  /**
   * The uploader's own failure in a pass (an error of this program, not the hub's nor the
   * network's): each application in hand whose try was not recorded is counted with
   * last_problem `failed` and plain words (failedWords: the error's class and code, nothing it
   * failed on), in one transaction — the hub's answers kept before it stay, and what the failed
   * transaction would have kept is rolled back whole — so `cli outbox` and the status view say it
   * after a restart too. The error itself goes to the log. When even that cannot be stored (the
   * database itself failing), it is logged, and the uploader still waits and tries again.
   */
  private failed(e: unknown, stage: FailedStage, open: string[], store: OutboxStore): NonNullable<PassResult['stopped']> {
    const message = failedWords(e, stage);
    let counted = open.length;
    try {
      if (open.length) store.markTried(open, message, 'failed', this.now().toISOString());
    } catch (e2) {
      counted = 0;
      this.o.logger.error({ event: 'outbox.failed_unrecorded', err: e2 }, "the uploader's failure could not be kept in the outbox database");
    }
    this.o.logger.error({ event: 'outbox.failed', err: e, stage, counted }, 'the uploader failed; the applications are kept and tried again later');
    return { kind: 'failed', message, problem: 'failed' };
  }

  /** One pass: batch after batch, oldest first, until the outbox is empty or a request fails. */
  private async pass(signal?: AbortSignal): Promise<PassResult> {
    const device = this.device();
    if (!device) return { sent: 0, attention: 0, stopped: { kind: 'not_enrolled', message: 'this device is not enrolled with a hub: cli enrol --hub URL --code CODE' } };
    const store = this.store();
    const total = { sent: 0, attention: 0 };
    let after = 0;
    let key: KeyObject | null = null;
    // the applications in hand whose try is not recorded yet, and what the uploader was doing: its own failure is counted against them
    let open: string[] = [];
    let stage: FailedStage = 'preparing';
    /** The hub answered (sent or refused each): recorded, and a kept pause is over. */
    const record = (results: UploadResult[]) => {
      stage = 'recording';
      const done = this.apply(results);
      total.sent += done.sent;
      total.attention += done.attention;
      const answered = new Set(results.map((r) => r.client_id));
      open = open.filter((id) => !answered.has(id));
      stage = 'preparing';
    };
    try {
      for (;;) {
        stage = 'preparing';
        const rows = store.pending(MAX_BATCH, after);
        if (!rows.length) return total;
        const ids = rows.map((r) => r.client_id);
        open = [...ids];
        key ??= createPrivateKey(device.private_key);
        const body = JSON.stringify({ applications: rows.map(this.upload) });
        let out = classifyUpload(await this.request(device, key, 'POST', 'applications', body, signal), ids, false);
        if (out.kind === 'refused') {
          // the batch as a whole was refused (too large, malformed): each application on its own, so one bad record stops nothing
          for (const row of rows) {
            const one = classifyUpload(await this.request(device, key, 'PUT', `applications/${row.client_id}`, JSON.stringify(this.upload(row)), signal), [row.client_id], true);
            if (one.kind === 'refused') out = { kind: 'answered', results: [{ client_id: row.client_id, status: one.status === 409 ? 409 : one.status === 413 ? 413 : 400, error: one.code, message: one.message }] };
            else out = one;
            if (out.kind !== 'answered') break;
            record(out.results);
          }
          if (out.kind === 'answered') {
            after = rows.at(-1)!.seq;
            this.changed();
            continue;
          }
        }
        if (out.kind === 'transient' || out.kind === 'paused') {
          const problem = out.kind === 'paused' ? 'paused' : out.problem;
          stage = 'recording';
          // every application of the batch counted, and a pause kept, in one transaction
          store.markTried(ids, out.kind === 'paused' ? `${out.code}: ${out.message}` : out.message, problem, this.now().toISOString(), out.kind === 'paused' ? { deviceId: device.device_id, code: out.code, message: out.message } : undefined);
          open = [];
          return { ...total, stopped: out.kind === 'paused' ? { kind: 'paused', code: out.code, message: out.message, problem } : { kind: 'transient', message: out.message, problem } };
        }
        if (out.kind === 'answered') {
          record(out.results);
          after = rows.at(-1)!.seq;
          this.changed();
        }
      }
    } catch (e) {
      return { ...total, stopped: this.failed(e, stage, open, store) };
    } finally {
      if (total.sent > 0) store.checkpoint(); // the sealed bytes of sent applications leave the WAL too
      if (total.sent || total.attention) this.o.logger.info({ event: 'outbox.pass', sent: total.sent, attention: total.attention }, 'applications sent to the hub');
    }
  }

  /**
   * Asks the hub for the centre's answer to the sent reservations still 'requested' (GET
   * /intake/v1/receipts/:receipt, device-signed as the uploads are), the longest unasked first,
   * and keeps what it says: confirmed or declined (with the reason) is final. Stops at the first
   * request that does not get the hub's answer (asked again at the next pass or tick).
   */
  async checkStatuses(signal?: AbortSignal): Promise<StatusCheck> {
    const out: StatusCheck = { checked: 0, answered: 0 };
    const device = this.device();
    if (!device || !(this.storeRef || existsSync(outboxFile(this.o.dataDir)))) return out;
    const store = this.store();
    const rows = store.requested(STATUS_BATCH);
    if (!rows.length) return out;
    const key = createPrivateKey(device.private_key);
    for (const row of rows) {
      const r = await this.request(device, key, 'GET', `receipts/${encodeURIComponent(row.receipt)}`, '', signal);
      const at = this.now().toISOString();
      if ('failed' in r) return { ...out, stopped: r.failed };
      if (r.status === 404) {
        // the hub does not know the receipt (a restored hub?): kept as requested, asked again later
        store.setStatus(row.client_id, { status: 'requested', statusAt: null, reason: null }, at);
        this.o.logger.warn({ event: 'outbox.status_unknown', client_id: row.client_id }, 'the hub does not know the receipt of a sent application; asked again later');
        out.checked++;
        continue;
      }
      let answer: ReceiptStatus | null = null;
      if (r.status === 200 && /application\/json/i.test(r.type)) {
        try {
          const parsed = ReceiptStatus.safeParse(JSON.parse(r.text));
          if (parsed.success && parsed.data.receipt === row.receipt) answer = parsed.data;
        } catch {
          // not JSON: not the hub's answer
        }
      }
      if (!answer) {
        const err = hubError(r.type, r.text);
        return { ...out, stopped: `asking the hub for receipt statuses: it answered ${r.status}${err ? ` (${err.error}: ${err.message})` : looksLikePage(r.type, r.text) ? ' with a web page — a Wi-Fi login page?' : ''}` };
      }
      out.checked++;
      const status = answer.status === 'received' ? 'requested' : answer.status;
      if (store.setStatus(row.client_id, { status, statusAt: answer.status_at ?? at, reason: answer.reason ?? null }, at) && status !== 'requested') {
        out.answered++;
        this.o.logger.info({ event: 'outbox.status', client_id: row.client_id, status }, `the centre ${status} a reservation`);
      }
    }
    if (out.answered) this.o.events.emit('outbox.changed', { ...this.counts(), uploader: this.state });
    return out;
  }

  /** Asks for the centre's answers, never throwing (what went wrong is logged; asked again later). */
  private async checkStatusesQuietly(signal?: AbortSignal): Promise<void> {
    try {
      const r = await this.checkStatuses(signal);
      if (r.stopped) this.o.logger.warn({ event: 'outbox.status_failed', reason: r.stopped }, 'asking the hub for the answers to reservations failed; asked again later');
    } catch (e) {
      this.o.logger.error({ event: 'outbox.status_failed', err: e }, 'asking the hub for the answers to reservations failed; asked again later');
    }
  }

  /** One pass at a time in this process; a pass asked for meanwhile runs right after. */
  private runPass(signal?: AbortSignal): Promise<PassResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const prev = this.state;
    this.state = 'sending';
    if (prev !== 'sending') this.changed();
    const p = this.pass(signal).finally(() => {
      this.running = null;
    });
    this.running = p;
    return p;
  }

  private note(r: PassResult): void {
    if (!r.stopped) {
      this.failures = 0;
      this.lastError = null;
      this.lastProblem = null;
      this.pausedReason = null;
      this.state = 'idle';
      this.nextTryAt = null;
    } else if (r.stopped.kind === 'paused') {
      this.state = 'paused';
      this.pausedReason = r.stopped.code ?? 'refused';
      this.lastError = r.stopped.message;
      this.lastProblem = 'paused';
    } else if (r.stopped.kind === 'not_enrolled') {
      this.state = 'not_enrolled';
      this.lastError = null;
      this.lastProblem = null;
    } else {
      this.failures++;
      this.state = 'waiting';
      this.lastError = r.stopped.message;
      this.lastProblem = r.stopped.problem ?? 'failed';
    }
  }

  /**
   * Sends until the outbox is empty (the CLI's `outbox send`): a failure to reach the hub is
   * tried again a few times, quickly; then it gives up, the applications kept for later.
   */
  async sendNow(o: { retries?: number; baseMs?: number; signal?: AbortSignal; onRetry?: (message: string, waitMs: number) => void } = {}): Promise<PassResult & { pending: number; tries: number }> {
    const total = { sent: 0, attention: 0 };
    const retries = o.retries ?? 4;
    for (let tries = 1; ; tries++) {
      const r = await this.runPass(o.signal);
      this.note(r);
      total.sent += r.sent;
      total.attention += r.attention;
      this.changed();
      if (!r.stopped || r.stopped.kind !== 'transient' || tries > retries || o.signal?.aborted) {
        // the hub answered (or there was nothing to send): the centre's answers to the reservations sent, and receipt numbers when few are left
        if (!r.stopped || total.sent > 0) {
          await this.checkStatusesQuietly(o.signal);
          await this.topUpReceipts(o.signal);
        }
        return { ...total, stopped: r.stopped, pending: this.counts().pending, tries };
      }
      const wait = retryDelay(tries, 0.5 + (this.o.random ?? Math.random)() / 2, { baseMs: o.baseMs ?? 500, capMs: 4_000 });
      this.o.logger.warn({ event: 'outbox.retry', reason: r.stopped.message, problem: r.stopped.problem, attempt: tries, waitMs: wait }, 'sending failed; trying again');
      o.onRetry?.(r.stopped.message, wait);
      await new Promise((res) => setTimeout(res, wait));
    }
  }

  // ---- in the background (a kiosk host) -----------------------------------------------------

  private schedule(ms: number): void {
    if (this.stopped || !this.background) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextTryAt = this.state === 'waiting' || this.state === 'paused' ? new Date(Date.now() + ms) : null;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    let next = IDLE_CHECK_MS;
    try {
      let reached = true;
      if (!this.device()) {
        this.state = 'not_enrolled';
        reached = false;
      } else if (this.counts().pending > 0) {
        const r = await this.runPass();
        this.note(r);
        reached = !r.stopped || r.sent + r.attention > 0;
        if (r.stopped?.kind === 'failed') next = retryDelay(this.failures, (this.o.random ?? Math.random)());
        else if (r.stopped?.kind === 'transient') {
          next = retryDelay(this.failures, (this.o.random ?? Math.random)());
          this.o.logger.warn({ event: 'outbox.retry', reason: r.stopped.message, problem: r.stopped.problem, failuresInARow: this.failures, waitMs: next }, 'sending applications failed; trying again later (they are kept)');
        } else if (r.stopped?.kind === 'paused') {
          next = PAUSED_RETRY_MS;
          this.o.logger.warn({ event: 'outbox.paused', code: r.stopped.code, reason: r.stopped.message }, 'the hub refused this device: sending is paused, the applications are kept');
        }
        if (this.again) {
          this.again = false;
          if (!r.stopped) next = 0;
        }
      } else if (this.state !== 'waiting' && this.state !== 'paused') {
        this.state = 'idle';
      } else reached = false;
      // the centre's answers to the reservations sent, after a pass that reached the hub and on every idle tick; receipt numbers when few are left
      if (reached && !this.stopped) {
        await this.checkStatusesQuietly();
        if (!this.stopped) await this.topUpReceipts();
      }
    } catch (e) {
      this.failures++;
      this.state = 'waiting';
      this.lastError = (e as Error).message;
      this.lastProblem = 'failed';
      next = retryDelay(this.failures, (this.o.random ?? Math.random)());
      this.o.logger.error({ event: 'outbox.failed', err: e }, 'the uploader failed; trying again later');
    }
    this.schedule(next);
    this.changed();
  }

  /** Sends by itself from now on (a kiosk host): soon after start, after every submit, and with backoff after failures. */
  startBackground(firstDelayMs = 1_000): void {
    if (this.background || this.stopped) return;
    this.background = true;
    this.state = 'idle';
    // the hub's last word on this enrolment, kept from before a restart: said from the first
    // status on (the status view, a screen's counts), until the first try says otherwise
    let kept: StoredPause | null = null;
    try {
      kept = this.storedPause();
    } catch (e) {
      this.o.logger.error({ event: 'outbox.pause_unread', err: e }, 'the kept pause could not be read; the uploader tries as usual');
    }
    if (kept) {
      this.state = 'paused';
      this.pausedReason = kept.code;
      this.lastError = `${kept.code}: ${kept.message} (at ${kept.at})`;
      this.lastProblem = 'paused';
    }
    this.schedule(firstDelayMs);
  }

  /** Try now (a new application, or an operator's tap). */
  kick(): void {
    if (!this.background || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stops and closes the database (after a pass in flight). */
  async close(): Promise<void> {
    this.stop();
    await this.running?.catch(() => undefined);
    this.storeRef?.close();
    this.storeRef = null;
  }
}
