/**
 * The counsellor mode's core (issue 14; SECURITY.md "Personal data"): counsellor accounts on an
 * enrolled device, sign-in with a PIN, drafts encrypted at rest with a key that exists only
 * while the counsellor is signed in, applications on a family's behalf, and the queue's
 * retry and discard.
 *
 *  - Accounts: added by an operator (core API `add`, `cli counsellor add NAME` with the PIN on
 *    standard input), the PIN kept only as its scrypt verifier (pin.node.ts).
 *  - Sign-in: the attempt is counted as a failure first (flushed; cleared when the PIN is
 *    right), so neither a restart nor a kill in the middle resets the count; the 5th wrong PIN
 *    in a row locks the account until an operator clears it (`cli counsellor unlock NAME`).
 *  - One session at a time on a device: the counsellor's name, account id, and the drafts' key
 *    (a Buffer). It ends on demand, after `idleMs` without a counsellor call (checked at every
 *    call and by a timer), when another counsellor signs in, and when the core closes — and the
 *    key is zero-filled then, so no draft can be opened until the PIN is typed again.
 *  - Drafts: {kind, service, label, data} as JSON, AES-256-GCM under that key
 *    (draft-crypto.node.ts); only ids, owner and times are in the clear.
 *  - A PIN change re-encrypts every draft of that counsellor with the new PIN's key, with new
 *    salts, in one transaction.
 *
 * Logs name an account by its random id (c_…), never by the person's name, and never hold a
 * PIN, a draft or a form.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Logger } from '../log.node.js';
import { readDevice } from '../outbox/enrol.node.js';
import { OutboxError } from '../outbox/errors.js';
import type { OutboxService, QueueAction, Submitted } from '../outbox/service.node.js';
import { CounsellorError } from './errors.js';
import { decryptDraft, DRAFT_FORMAT, encryptDraft } from './draft-crypto.node.js';
import { checkPinShape, DEFAULT_COST, derive, makeVerifier, newSalt, PIN_PATTERN, pinMatches, type ScryptCost } from './pin.node.js';

const PIN_SHAPE = (pin: string): boolean => typeof pin === 'string' && PIN_PATTERN.test(pin);
import { costOf, counsellorFile, CounsellorStore, type AccountRow } from './store.node.js';

/** Wrong PINs in a row that lock an account. */
export const MAX_FAILURES = 5;
export const DEFAULT_IDLE_MS = 10 * 60_000;
/** A draft's JSON (kind, service, label, data) at most this long. */
export const MAX_DRAFT_BYTES = 256 * 1024;

export const DRAFT_KINDS = ['application', 'visit', 'survey'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export interface DraftContent {
  kind: DraftKind;
  /** the service applied for (kind application), else the outreach form's service or null */
  service: string | null;
  /** the counsellor's own words for it in the list ("용봉동 방문") */
  label: string | null;
  /** the form as far as it is filled in */
  data: Record<string, unknown>;
  /** where the form was left: the apply screen's step (its number of steps: the review); absent in a draft saved without it */
  step?: number | null;
}

export interface DraftSummary {
  id: string;
  kind: DraftKind;
  service: string | null;
  label: string | null;
  createdAt: string;
  updatedAt: string;
}

export type Draft = DraftSummary & { data: Record<string, unknown>; step: number | null };

export interface SessionView {
  name: string;
  signedInAt: string;
  lastActiveAt: string;
  /** signed out by itself at this time unless the counsellor does something first */
  expiresAt: string;
}

export interface CounsellorStatus {
  /** counsellors sign in only on an enrolled device */
  enrolled: boolean;
  /** the accounts on this device, for the sign-in screen */
  counsellors: { name: string; locked: boolean; triesLeft: number }[];
  session: SessionView | null;
  idleMinutes: number;
}

export interface AccountView {
  name: string;
  createdAt: string;
  pinChangedAt: string;
  locked: boolean;
  lockedAt: string | null;
  failures: number;
  drafts: number;
}

export interface CounsellorServiceOptions {
  dataDir: string;
  /** db/migrations/counsellor (the app's resources) */
  migrationsDir: string;
  outbox: OutboxService;
  logger: Logger;
  clock?: () => Date;
  /** signed out after this long without a counsellor call (default 10 minutes) */
  idleMs?: number;
  /** scrypt's cost for new verifiers and keys (default N 2^17, r 8, p 1) */
  cost?: ScryptCost;
  /** told of every sign-in and sign-out, with why (the core announces it as `counsellor.changed`) */
  onChange?: (c: { signedIn: boolean; why: 'signed_in' | 'requested' | 'idle' | 'replaced' | 'closed' }) => void;
}

interface Session {
  id: string;
  name: string;
  key: Buffer;
  signedInAt: Date;
  lastActive: Date;
}

/** AICHINGU_COUNSELLOR_IDLE_MINUTES: minutes without use before a counsellor is signed out (default 10; 1–240). */
export function idleMsFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_IDLE_MS;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1 || n > 240) throw new Error(`AICHINGU_COUNSELLOR_IDLE_MINUTES must be a number of minutes from 1 to 240; got "${value}"`);
  return Math.round(n * 60_000);
}

/** A counsellor's name as stored: NFC, trimmed, 1–40 letters, digits, spaces, `.`, `-` or `_`. */
export function counsellorName(raw: string): string {
  const name = typeof raw === 'string' ? raw.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  if (!name || [...name].length > 40 || !/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ._-]*$/u.test(name))
    throw new CounsellorError('bad_name', "a counsellor's name is 1 to 40 letters or digits (spaces, '.', '-' and '_' between them)");
  return name;
}

export class CounsellorService {
  private storeRef: CounsellorStore | null = null;
  private current: Session | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  readonly idleMs: number;
  private readonly cost: ScryptCost;

  constructor(private readonly o: CounsellorServiceOptions) {
    this.idleMs = o.idleMs ?? DEFAULT_IDLE_MS;
    this.cost = o.cost ?? DEFAULT_COST;
  }

  private now(): Date {
    return (this.o.clock ?? (() => new Date()))();
  }

  /** The database, opened on first use (a kiosk without counsellors never makes one). */
  private store(): CounsellorStore {
    return (this.storeRef ??= new CounsellorStore(this.o.dataDir, this.o.migrationsDir));
  }

  private hasStore(): boolean {
    return this.storeRef !== null || existsSync(counsellorFile(this.o.dataDir));
  }

  private enrolled(): boolean {
    try {
      return readDevice(this.o.dataDir) !== null;
    } catch {
      return false; // a damaged device.json: the outbox's status says so
    }
  }

  private requireEnrolled(): void {
    if (!this.enrolled())
      throw new CounsellorError('not_enrolled', 'counsellors sign in only on an enrolled device: an operator enrols it first (cli enrol --hub URL --code CODE)');
  }

  private account(name: string): AccountRow {
    const a = this.hasStore() ? this.store().byName(counsellorName(name)) : undefined;
    if (!a) throw new CounsellorError('unknown_counsellor', 'there is no counsellor of that name on this device (cli counsellor list)');
    return a;
  }

  // ---- accounts (operators) ------------------------------------------------------------------

  /** Adds a counsellor with a PIN (6–8 digits) on an enrolled device. */
  async add(rawName: string, pin: string): Promise<{ name: string; createdAt: string }> {
    const name = counsellorName(rawName);
    checkPinShape(pin);
    this.requireEnrolled();
    if (this.store().byName(name)) throw new CounsellorError('exists', 'a counsellor of that name is already on this device');
    const { verifier, salt } = await makeVerifier(pin, this.cost);
    const at = this.now().toISOString();
    const id = `c_${randomBytes(8).toString('hex')}`;
    try {
      this.store().insertAccount({ id, name, verifier, verifier_salt: salt, key_salt: newSalt(), scrypt_n: this.cost.N, scrypt_r: this.cost.r, scrypt_p: this.cost.p, created_at: at, pin_changed_at: at });
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new CounsellorError('exists', 'a counsellor of that name is already on this device');
      throw e;
    }
    this.o.logger.info({ event: 'counsellor.added', account: id }, 'a counsellor was added');
    return { name, createdAt: at };
  }

  /** Every account on this device, for operators (no PIN, no draft content). */
  list(): AccountView[] {
    if (!this.hasStore()) return [];
    return this.store()
      .accounts()
      .map((a) => ({ name: a.name, createdAt: a.created_at, pinChangedAt: a.pin_changed_at, locked: a.failures >= MAX_FAILURES, lockedAt: a.locked_at, failures: a.failures, drafts: a.drafts }));
  }

  /** An operator clears a lock (and the count of wrong PINs). Answers whether it was locked. */
  unlock(name: string): { name: string; wasLocked: boolean; failures: number } {
    const a = this.account(name);
    this.store().unlock(a.id, this.now().toISOString());
    this.o.logger.warn({ event: 'counsellor.unlocked', account: a.id, failures: a.failures }, 'an operator cleared a counsellor’s lock');
    return { name: a.name, wasLocked: a.failures >= MAX_FAILURES, failures: a.failures };
  }

  // ---- signing in and out --------------------------------------------------------------------

  /**
   * Checks a PIN against an account, counting the attempt first: a wrong PIN throws wrong_pin
   * with the tries left, or locked at the 5th; a locked account throws locked without checking.
   */
  private async checkPin(a: AccountRow, pin: string): Promise<void> {
    const store = this.store();
    const count = store.countAttempt(a.id, MAX_FAILURES);
    if (count === null) throw new CounsellorError('locked', `this account is locked after ${MAX_FAILURES} wrong PINs in a row; an operator unlocks it (cli counsellor unlock NAME)`, 0);
    const ok = PIN_SHAPE(pin) && (await pinMatches(pin, { verifier: a.verifier, salt: a.verifier_salt, cost: costOf(a) }));
    if (ok) {
      store.clearFailures(a.id);
      return;
    }
    const left = MAX_FAILURES - count;
    if (left <= 0) {
      store.markLocked(a.id, this.now().toISOString());
      this.o.logger.warn({ event: 'counsellor.locked', account: a.id }, `a counsellor account was locked after ${MAX_FAILURES} wrong PINs in a row`);
      throw new CounsellorError('locked', `wrong PIN: this account is now locked after ${MAX_FAILURES} wrong PINs in a row; an operator unlocks it (cli counsellor unlock NAME)`, 0);
    }
    this.o.logger.warn({ event: 'counsellor.wrong_pin', account: a.id, failures: count }, 'a wrong counsellor PIN');
    throw new CounsellorError('wrong_pin', `wrong PIN; ${left} more wrong ${left === 1 ? 'try locks' : 'tries lock'} the account`, left);
  }

  /** Signs a counsellor in (signing out whoever was): the PIN is checked and the drafts' key derived. */
  async signIn(name: string, pin: string): Promise<SessionView> {
    this.requireEnrolled();
    const a = this.account(name);
    // the key is derived beside the check (two threads): a sign-in takes one scrypt's time, not two
    const keyP = PIN_SHAPE(pin) ? derive(pin, a.key_salt, costOf(a)) : Promise.resolve(null);
    let key: Buffer | null = null;
    try {
      await this.checkPin(a, pin);
      key = await keyP;
    } finally {
      if (!key) void keyP.then((k) => k?.fill(0), () => undefined);
    }
    if (!key) throw new CounsellorError('wrong_pin', 'wrong PIN'); // (not reached: a PIN of the wrong shape fails the check)
    this.end('replaced');
    const at = this.now();
    this.current = { id: a.id, name: a.name, key, signedInAt: at, lastActive: at };
    this.startTimer();
    this.o.logger.info({ event: 'counsellor.signed_in', account: a.id }, 'a counsellor signed in');
    this.o.onChange?.({ signedIn: true, why: 'signed_in' });
    return this.view(this.current);
  }

  /** Signs out (wiping the key). Answers whether someone was signed in. */
  signOut(): boolean {
    return this.end('requested');
  }

  private end(why: 'requested' | 'idle' | 'replaced' | 'closed'): boolean {
    const s = this.current;
    if (!s) return false;
    s.key.fill(0);
    this.current = null;
    this.stopTimer();
    this.o.logger.info({ event: 'counsellor.signed_out', account: s.id, why }, 'a counsellor was signed out; the drafts’ key is wiped');
    this.o.onChange?.({ signedIn: false, why });
    return true;
  }

  private view(s: Session): SessionView {
    return { name: s.name, signedInAt: s.signedInAt.toISOString(), lastActiveAt: s.lastActive.toISOString(), expiresAt: new Date(s.lastActive.getTime() + this.idleMs).toISOString() };
  }

  /** Signs out when idle for too long; answers the session still running, if any. */
  private live(): Session | null {
    const s = this.current;
    if (s && this.now().getTime() - s.lastActive.getTime() >= this.idleMs) this.end('idle');
    return this.current;
  }

  /** The signed-in counsellor (this call counts as activity), or signed_out. */
  private session(): Session {
    const s = this.live();
    if (!s) throw new CounsellorError('signed_out', 'no counsellor is signed in (or the session ended after a while without use): sign in with the PIN');
    s.lastActive = this.now();
    return s;
  }

  private startTimer(): void {
    this.stopTimer();
    if (this.closed) return;
    this.timer = setInterval(() => this.live(), Math.max(1_000, Math.min(15_000, Math.floor(this.idleMs / 4))));
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** For the sign-in screen and the counsellor's header; `touch`: the counsellor is active (the UI's input), which keeps the session. */
  status(o: { touch?: boolean } = {}): CounsellorStatus {
    const s = this.live();
    if (s && o.touch) s.lastActive = this.now();
    const counsellors = this.hasStore() ? this.store().accounts().map((a) => ({ name: a.name, locked: a.failures >= MAX_FAILURES, triesLeft: Math.max(0, MAX_FAILURES - a.failures) })) : [];
    return { enrolled: this.enrolled(), counsellors, session: s ? this.view(s) : null, idleMinutes: this.idleMs / 60_000 };
  }

  /**
   * Changes a counsellor's PIN (the current one checked, counting as a sign-in attempt) and
   * re-encrypts all their drafts with the new PIN's key, new salts, in one transaction. When
   * that counsellor is signed in, their session carries on with the new key.
   */
  async changePin(name: string, pin: string, newPin: string): Promise<{ drafts: number }> {
    checkPinShape(newPin, 'the new PIN');
    if (newPin === pin) throw new CounsellorError('same_pin', 'the new PIN is the same as the current one');
    const a = this.account(name);
    const oldKeyP = PIN_SHAPE(pin) ? derive(pin, a.key_salt, costOf(a)) : Promise.resolve(null);
    let oldKey: Buffer | null = null;
    try {
      await this.checkPin(a, pin);
      oldKey = await oldKeyP;
    } finally {
      if (!oldKey) void oldKeyP.then((k) => k?.fill(0), () => undefined);
    }
    if (!oldKey) throw new CounsellorError('wrong_pin', 'wrong PIN');
    const keySalt = newSalt();
    const [made, newKey] = await Promise.all([makeVerifier(newPin, this.cost), derive(newPin, keySalt, this.cost)]);
    const store = this.store();
    let count = 0;
    try {
      const drafts = store.drafts(a.id).map((d) => {
        const plain = decryptDraft(oldKey!, { counsellorId: a.id, draftId: d.id }, d);
        try {
          return { id: d.id, ...encryptDraft(newKey, { counsellorId: a.id, draftId: d.id }, plain) };
        } finally {
          plain.fill(0);
        }
      });
      store.replacePin(a.id, { verifier: made.verifier, verifier_salt: made.salt, key_salt: keySalt, cost: this.cost, at: this.now().toISOString() }, drafts);
      store.checkpoint(); // no frame of the old ciphertexts stays in the WAL
      count = drafts.length;
    } catch (e) {
      newKey.fill(0);
      throw e;
    } finally {
      oldKey.fill(0);
    }
    if (this.current?.id === a.id) {
      this.current.key.fill(0);
      this.current.key = newKey;
      this.current.lastActive = this.now();
    } else newKey.fill(0);
    this.o.logger.info({ event: 'counsellor.pin_changed', account: a.id, drafts: count }, 'a counsellor’s PIN was changed; their drafts were re-encrypted');
    return { drafts: count };
  }

  /** The signed-in counsellor changes their own PIN. */
  async changeOwnPin(pin: string, newPin: string): Promise<{ drafts: number }> {
    return this.changePin(this.session().name, pin, newPin);
  }

  // ---- drafts --------------------------------------------------------------------------------

  private read(s: Session, row: { id: string; iv: Buffer; tag: Buffer; ciphertext: Buffer }): DraftContent {
    const plain = decryptDraft(s.key, { counsellorId: s.id, draftId: row.id }, row);
    try {
      return JSON.parse(plain.toString('utf8')) as DraftContent;
    } finally {
      plain.fill(0);
    }
  }

  /** The signed-in counsellor's drafts, newest first. */
  drafts(): DraftSummary[] {
    const s = this.session();
    return this.store()
      .drafts(s.id)
      .map((r) => {
        const c = this.read(s, r);
        return { id: r.id, kind: c.kind, service: c.service, label: c.label, createdAt: r.created_at, updatedAt: r.updated_at };
      });
  }

  /** Saves a draft (a new one without `id`), encrypted; answers its id and times. */
  saveDraft(input: { id?: string; kind: DraftKind; service?: string | null; label?: string | null; data: Record<string, unknown>; step?: number | null }): DraftSummary {
    const s = this.session();
    if (!DRAFT_KINDS.includes(input.kind)) throw new CounsellorError('bad_draft', `a draft's kind is one of ${DRAFT_KINDS.join(', ')}`);
    if (input.kind === 'application' && !input.service) throw new CounsellorError('bad_draft', 'a draft application names its service');
    const content: DraftContent = { kind: input.kind, service: input.service ?? null, label: input.label ?? null, data: input.data, ...(input.step != null ? { step: input.step } : {}) };
    const plain = Buffer.from(JSON.stringify(content), 'utf8');
    try {
      if (plain.length > MAX_DRAFT_BYTES) throw new CounsellorError('too_large', `a draft is at most ${MAX_DRAFT_BYTES} bytes`);
      const store = this.store();
      const at = this.now().toISOString();
      if (input.id) {
        const old = store.draft(s.id, input.id);
        if (!old) throw new CounsellorError('draft_not_found', 'no such draft of this counsellor');
        store.updateDraft(s.id, input.id, encryptDraft(s.key, { counsellorId: s.id, draftId: input.id }, plain), at);
        store.checkpoint();
        return { id: input.id, kind: content.kind, service: content.service, label: content.label, createdAt: old.created_at, updatedAt: at };
      }
      const id = randomUUID();
      store.insertDraft({ id, counsellor_id: s.id, format: DRAFT_FORMAT, ...encryptDraft(s.key, { counsellorId: s.id, draftId: id }, plain), created_at: at, updated_at: at });
      return { id, kind: content.kind, service: content.service, label: content.label, createdAt: at, updatedAt: at };
    } finally {
      plain.fill(0);
    }
  }

  /** One draft, decrypted (only its own counsellor, signed in, can). */
  openDraft(id: string): Draft {
    const s = this.session();
    const r = this.store().draft(s.id, id);
    if (!r) throw new CounsellorError('draft_not_found', 'no such draft of this counsellor');
    const c = this.read(s, r);
    return { id: r.id, kind: c.kind, service: c.service, label: c.label, data: c.data, step: typeof c.step === 'number' ? c.step : null, createdAt: r.created_at, updatedAt: r.updated_at };
  }

  /** Deletes a draft (its pages zeroed, the WAL truncated). */
  deleteDraft(id: string): void {
    const s = this.session();
    const store = this.store();
    if (!store.deleteDraft(s.id, id)) throw new CounsellorError('draft_not_found', 'no such draft of this counsellor');
    store.checkpoint();
  }

  // ---- on a family's behalf, and the queue ---------------------------------------------------

  /**
   * Submits an application (or an outreach form) through the outbox as the signed-in
   * counsellor: their name is sealed with it. `draftId`: the draft it was written in, deleted
   * once the application is sealed. `knownEntry`: checks a visit log's catalogue ids.
   */
  submit(input: { service: string; form: unknown; draftId?: string }, knownEntry?: (id: string) => boolean): Submitted {
    const s = this.session();
    if (input.draftId && !this.store().draft(s.id, input.draftId)) throw new CounsellorError('draft_not_found', 'no such draft of this counsellor');
    const explained = (input.form as { services_explained?: unknown } | null)?.services_explained;
    if (input.service === 'outreach-visit' && knownEntry && Array.isArray(explained) && explained.some((x) => typeof x === 'string' && !knownEntry(x)))
      throw new OutboxError('bad_form', 'the form is not complete: services_explained (invalid): an id that is not in the catalogue', [{ field: 'services_explained', code: 'invalid', key: 'forms.error.services_explained.invalid' }]);
    const r = this.o.outbox.submit({ service: input.service, form: input.form, counsellor: s.name });
    if (input.draftId) {
      this.store().deleteDraft(s.id, input.draftId);
      this.store().checkpoint();
    }
    this.o.logger.info({ event: 'counsellor.submitted', account: s.id, client_id: r.client_id, service: r.service }, 'a counsellor submitted an application');
    return r;
  }

  private queue(r: QueueAction): { clientId: string; state: 'pending' | 'discarded'; at: string } {
    if (r.ok) return { clientId: r.clientId, state: r.state, at: r.at };
    if (r.why === 'not_found') throw new CounsellorError('application_not_found', 'no application with that client id in the outbox');
    throw new CounsellorError('not_attention', `only an application that needs attention can be retried or discarded (this one is ${r.state})`);
  }

  /** Puts an application that needs attention back to pending. */
  retry(clientId: string): { clientId: string; state: 'pending' | 'discarded'; at: string } {
    const s = this.session();
    const r = this.queue(this.o.outbox.retry(clientId, s.name));
    this.o.logger.info({ event: 'counsellor.retried', account: s.id, client_id: clientId }, 'a counsellor retried an application');
    return r;
  }

  /** Discards an application that needs attention (the caller asked the counsellor to confirm). */
  discard(clientId: string): { clientId: string; state: 'pending' | 'discarded'; at: string } {
    const s = this.session();
    const r = this.queue(this.o.outbox.discard(clientId, s.name));
    this.o.logger.warn({ event: 'counsellor.discarded', account: s.id, client_id: clientId }, 'a counsellor discarded an application that needed attention');
    return r;
  }

  close(): void {
    this.closed = true;
    this.end('closed');
    this.storeRef?.close();
    this.storeRef = null;
  }
}
