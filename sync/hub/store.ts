/**
 * The hub's store, with PostgreSQL semantics: embedded PGlite by default, a PostgreSQL server
 * with --database-url (store.node.ts implements both behind this interface). It records the
 * published versions; the files themselves are plain files in the hub's data folder
 * (layout.ts), served as they are.
 */
export interface VersionRecord {
  version: number;
  /** ISO time */
  created_at: string;
  catalogue_version: string;
  entries: number;
  /** the signed envelope, as served (manifest-N.json) */
  envelope: string;
  /** the file names of this version (snapshot, and delta when there is one) */
  files: string[];
}

export interface HubStore extends IntakeStore {
  latest(): Promise<VersionRecord | null>;
  get(version: number): Promise<VersionRecord | null>;
  /** every version, oldest first */
  list(): Promise<VersionRecord[]>;
  /** records a new version; refuses (throws) a version that exists or is not the next one */
  insert(r: VersionRecord): Promise<void>;
  close(): Promise<void>;
}

// ---- intake (issue 13): devices, one-time enrolment codes, sealed applications ----

/** An enrolled device. */
export interface DeviceRecord {
  /** dev_ and 32 hex digits */
  id: string;
  name: string;
  /** its ed25519 public key line (ed25519:…) */
  public_key: string;
  /** ISO time */
  enrolled_at: string;
  /** ISO time, or null while it may send */
  revoked_at: string | null;
}

/** A one-time enrolment code as the store keeps it: only the SHA-256 of the canonical code. */
export interface NewEnrolmentCode {
  /** SHA-256 (hex) of the canonical code (intake.ts normalizeCode) */
  code_sha256: string;
  /** the name the device will get */
  name: string;
  /** ISO time; the code is refused from then on */
  expires_at: string;
}

/** A sealed application to store (the hub checked it opens with its sealing key first). */
export interface NewApplication {
  client_id: string;
  device_id: string;
  service: string;
  /** exactly as the device sent it (the sealed bytes are bound to this text) */
  created_at: string;
  sealed: Uint8Array;
  /** the receipt number the device gave (from one of its blocks); without one the hub gives one from a block of its own */
  receipt?: string;
}

/** What putApplications did with one application. */
export type PutOutcome =
  | { outcome: 'created' | 'same'; receipt: string; received_at: string }
  /**
   * not stored: another application (other sealed bytes) is under this client id (no `receipt`),
   * or the device's receipt number cannot be taken — its block is not the device's (not_own) or
   * another application holds it (taken)
   */
  | { outcome: 'conflict'; receipt?: 'not_own' | 'taken' };

/** A block of receipt numbers given to a device: `fresh` when given now, else one it held already and has not used yet. */
export interface GivenBlock {
  prefix: string;
  fresh: boolean;
}

export interface ApplicationRecord {
  client_id: string;
  device_id: string;
  service: string;
  created_at: string;
  /** ISO time */
  received_at: string;
  size: number;
  sealed: Uint8Array;
  /** SHA-256 (hex) of the sealed bytes */
  digest: string;
  receipt: string;
  status: ApplicationStatus;
  /** ISO time of the centre's answer (null while received) */
  status_at: string | null;
  /** a decline's reason (the operator's short, non-personal words) */
  status_reason: string | null;
}

/** received: at the hub; confirmed / declined: the centre's answer to a reservation (cli hub confirm|decline) */
export type ApplicationStatus = 'received' | 'confirmed' | 'declined';

export interface ReceiptRecord {
  receipt: string;
  service: string;
  status: ApplicationStatus;
  /** ISO time */
  received_at: string;
  /** ISO time of the centre's answer (null while received) */
  status_at: string | null;
  /** a decline's reason */
  reason: string | null;
}

/** What decide did: the application as it is now, and whether this call changed it. */
export type DecideOutcome = { outcome: 'decided' | 'same'; record: ReceiptRecord } | { outcome: 'not_found' } | { outcome: 'already'; record: ReceiptRecord };

/** The intake's part of the store (both backends, one SQL: store.node.ts). */
export interface IntakeStore {
  /** records a one-time code for `name`; earlier unused codes for that name stop working. Throws HubStoreError('name_taken') when a device of that name is enrolled and not revoked. */
  createCode(c: NewEnrolmentCode): Promise<void>;
  /** in one transaction: the code (by its SHA-256) valid, unused and unexpired becomes used, and the device is recorded under its name; null when the code is not one (wrong, used or expired — never said which) */
  enrol(e: { code_sha256: string; device_id: string; public_key: string }): Promise<DeviceRecord | null>;
  device(id: string): Promise<DeviceRecord | null>;
  /** revokes the device of that name (and cancels unused codes for it); null when there is neither */
  revokeDevice(name: string): Promise<{ name: string; revoked_at: string } | null>;
  /** every device, revoked ones too, in the order enrolled */
  devices(): Promise<DeviceRecord[]>;
  /**
   * Stores each application under its client id unless one is there already: idempotent and
   * safe when several hub processes share one PostgreSQL. Same sealed bytes as stored: 'same'
   * with the stored receipt; other bytes: 'conflict'. Results in the order given.
   */
  putApplications(list: NewApplication[]): Promise<PutOutcome[]>;
  receipt(receipt: string): Promise<ReceiptRecord | null>;
  /** the stored application with that receipt (its sealed bytes: a lookup opens it to compare the phone), or null */
  applicationByReceipt(receipt: string): Promise<ApplicationRecord | null>;
  /**
   * A block of receipt numbers for the device: a new one (a random free prefix), unless the
   * device holds MAX_UNUSED_BLOCKS blocks already from which the hub has received nothing — then
   * the newest of those again (so a device cannot take blocks without end, and a lost answer
   * asked again gets the same block). null when every prefix is given.
   */
  giveReceiptBlock(deviceId: string): Promise<GivenBlock | null>;
  /** the device's blocks (NULL: the hub's own), oldest first */
  receiptBlocks(deviceId: string | null): Promise<string[]>;
  /** every application, oldest first (as received) */
  applications(): Promise<ApplicationRecord[]>;
  /**
   * The centre's answer to the application with that receipt: a received one becomes confirmed
   * or declined (with the reason) in one statement, so two operators racing decide once. The
   * same answer again: 'same' (unchanged); the other answer: 'already'. The caller checks that
   * the service is one the centre confirms.
   */
  decide(d: { receipt: string; status: 'confirmed' | 'declined'; reason: string | null }): Promise<DecideOutcome>;
  /** deletes, in one statement, every application received before `before` (an ISO time) and answers how many (the retention: retention.node.ts) */
  purgeApplications(before: string): Promise<number>;
}
