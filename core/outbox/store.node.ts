/**
 * The outbox's database, DATA/outbox.sqlite (migrations in db/migrations/outbox/): one row per
 * sealed application, oldest first. The file is created 0600 before SQLite opens it (its -wal
 * and -shm take the file's mode), and `secure_delete` is set on every connection (it is per
 * connection and off by default), so the sealed bytes of a sent application — set to NULL —
 * leave zeroed pages behind; the WAL is truncated after every send (REFERENCE.md §6).
 */
import { join } from 'node:path';
import { PrivateStore } from '../private-files.node.js';
import { SERVICE_IDS, submittedAs } from '../forms/registry.js';
import { RECEIPT_BLOCK_SIZE, receiptOf } from '../../sync/protocol/intake.js';
import type { OutboxProblem } from '../contract/lists.js';

export type RecordState = 'pending' | 'sent' | 'attention' | 'discarded';
/** A sent application at the hub: received; a reservation requested until the centre confirms or declines it. */
export type HubStatus = 'received' | 'requested' | 'confirmed' | 'declined';

/** A row as the status shows it: the envelope and what happened to it — nothing personal. */
export interface OutboxRecord {
  seq: number;
  client_id: string;
  service: string;
  created_at: string;
  size: number;
  state: RecordState;
  attempts: number;
  last_error: string | null;
  /** last_error as a stable code (OUTBOX_PROBLEMS; migration 005), for the UI's plain words */
  last_problem: string | null;
  last_try_at: string | null;
  receipt: string | null;
  received_at: string | null;
  attention_code: string | null;
  attention_reason: string | null;
  retried_by: string | null;
  retried_at: string | null;
  discarded_by: string | null;
  discarded_at: string | null;
  /** sent: the status at the hub (null until sent) */
  status: HubStatus | null;
  /** when the centre answered (the hub's time) */
  status_at: string | null;
  /** a decline's reason (the centre's words, nothing personal) */
  status_reason: string | null;
}

/** A sent reservation whose answer the hub is asked for. */
export interface RequestedRow {
  client_id: string;
  receipt: string;
}

/** A pending row with its sealed bytes, for the uploader. */
export interface PendingRow {
  seq: number;
  client_id: string;
  service: string;
  created_at: string;
  size: number;
  sealed: Buffer;
  /** the number given at submit (null: none was left; the hub gives one) */
  receipt: string | null;
}

/** The hub's refusal of this device as a whole, as kept (migration 006): its code and words, and when. */
export interface StoredPause {
  code: string;
  message: string;
  at: string;
}

export interface Counts {
  pending: number;
  sent: number;
  attention: number;
}

const RECORD_COLUMNS =
  'seq, client_id, service, created_at, size, state, attempts, last_error, last_problem, last_try_at, receipt, received_at, attention_code, attention_reason, retried_by, retried_at, discarded_by, discarded_at, status, status_at, status_reason';

/** the services whose applications the centre confirms (a reservation: the form's `submitted` is 'requested') */
const RESERVATIONS = JSON.stringify(SERVICE_IDS.filter((x) => submittedAs(x) === 'requested'));
/** a sent application's first status, from its service */
const FIRST_STATUS = "CASE WHEN service IN (SELECT value FROM json_each(?)) THEN 'requested' ELSE 'received' END";

export const outboxFile = (dataDir: string): string => join(dataDir, 'outbox.sqlite');

export class OutboxStore extends PrivateStore {
  constructor(dataDir: string, migrationsDir: string) {
    // each commit flushed: an application a person was told is taken survives a power cut (one fsync per submit, ~0.25 ms here)
    super(dataDir, outboxFile(dataDir), migrationsDir, 'the outbox');
    try {
      // applications sent before the status was kept (migration 003) get theirs
      this.db.prepare(`UPDATE application SET status = ${FIRST_STATUS} WHERE state = 'sent' AND status IS NULL`).run(RESERVATIONS);
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  insert(r: { client_id: string; service: string; created_at: string; sealed: Buffer; receipt?: string | null }): number {
    const info = this
      .sql('INSERT INTO application (client_id, service, created_at, size, sealed, receipt) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.client_id, r.service, r.created_at, r.sealed.length, r.sealed, r.receipt ?? null);
    return Number(info.lastInsertRowid);
  }

  /**
   * Stores one application with the next receipt number of the enrolment `deviceId`'s blocks
   * (the oldest block with numbers left first), in one transaction: the number is given once, and
   * only to an application that is stored. The number is null when no block has one left.
   */
  insertWithReceipt(r: { client_id: string; service: string; created_at: string; sealed: Buffer }, deviceId: string): { seq: number; receipt: string | null } {
    return this.db.transaction(() => {
      const block = this.sql('SELECT prefix, next FROM receipt_block WHERE device_id = ? AND next < ? ORDER BY rowid LIMIT 1').get(deviceId, RECEIPT_BLOCK_SIZE) as { prefix: string; next: number } | undefined;
      let receipt: string | null = null;
      if (block) {
        receipt = receiptOf(block.prefix, block.next);
        this.sql('UPDATE receipt_block SET next = next + 1 WHERE device_id = ? AND prefix = ?').run(deviceId, block.prefix);
      }
      return { seq: this.insert({ ...r, receipt }), receipt };
    })();
  }

  /** Keeps a block of receipt numbers the hub gave the enrolment `deviceId`; false when it has it already. */
  addReceiptBlock(deviceId: string, prefix: string, at: string): boolean {
    return this.sql('INSERT OR IGNORE INTO receipt_block (device_id, prefix, got_at) VALUES (?, ?, ?)').run(deviceId, prefix, at).changes === 1;
  }

  /** Receipt numbers the enrolment `deviceId` has left to give. */
  receiptsLeft(deviceId: string): number {
    return (this.sql('SELECT coalesce(sum(? - next), 0) AS n FROM receipt_block WHERE device_id = ?').get(RECEIPT_BLOCK_SIZE, deviceId) as { n: number }).n;
  }

  counts(): Counts {
    const rows = this.sql('SELECT state, count(*) AS n FROM application GROUP BY state').all() as { state: RecordState; n: number }[];
    const c: Counts = { pending: 0, sent: 0, attention: 0 };
    for (const r of rows) if (r.state !== 'discarded') c[r.state] = r.n;
    return c;
  }

  /** How many applications were discarded (they are not part of the queue's counts). */
  discardedCount(): number {
    return (this.sql("SELECT count(*) AS n FROM application WHERE state = 'discarded'").get() as { n: number }).n;
  }

  /** The oldest pending applications, at most `limit`, with their sealed bytes. */
  pending(limit: number, afterSeq = 0): PendingRow[] {
    return this.sql("SELECT seq, client_id, service, created_at, size, sealed, receipt FROM application WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?").all(afterSeq, limit) as PendingRow[];
  }

  /** For the status: every application needing attention and pending (oldest first, up to `limit` each), and the latest sent ones. */
  records(limit = 100, sentLimit = 20): OutboxRecord[] {
    const q = (state: RecordState, order: string, n: number) =>
      this.sql(`SELECT ${RECORD_COLUMNS} FROM application WHERE state = ? ORDER BY seq ${order} LIMIT ?`).all(state, n) as OutboxRecord[];
    return [...q('attention', 'ASC', limit), ...q('pending', 'ASC', limit), ...q('sent', 'DESC', sentLimit)];
  }

  /** The latest discarded applications (their envelopes, who and when), newest first. */
  discarded(limit = 20): OutboxRecord[] {
    return this.sql(`SELECT ${RECORD_COLUMNS} FROM application WHERE state = 'discarded' ORDER BY discarded_at DESC, seq DESC LIMIT ?`).all(limit) as OutboxRecord[];
  }

  record(clientId: string): OutboxRecord | undefined {
    return this.sql(`SELECT ${RECORD_COLUMNS} FROM application WHERE client_id = ?`).get(clientId) as OutboxRecord | undefined;
  }

  /** The hub gave a receipt: sent, and the sealed bytes gone. Only a pending row moves (another process may have sent it first). */
  markSent(clientId: string, receipt: string, receivedAt: string, at: string): boolean {
    return (
      this
        .sql(`UPDATE application SET state = 'sent', sealed = NULL, receipt = ?, received_at = ?, attempts = attempts + 1, last_try_at = ?, last_error = NULL, last_problem = NULL, status = ${FIRST_STATUS} WHERE client_id = ? AND state = 'pending'`)
        .run(receipt, receivedAt, at, RESERVATIONS, clientId).changes === 1
    );
  }

  /** The hub refused this one application: it needs a person's attention (kept, with the hub's words). */
  markAttention(clientId: string, code: string, reason: string, at: string): boolean {
    return (
      this
        .sql("UPDATE application SET state = 'attention', attention_code = ?, attention_reason = ?, attempts = attempts + 1, last_try_at = ?, last_error = NULL, last_problem = NULL WHERE client_id = ? AND state = 'pending'")
        .run(code, reason, at, clientId).changes === 1
    );
  }

  /**
   * A counsellor puts an application that needs attention back to pending: the uploader sends
   * it again (the hub's earlier words are kept in last_error, last_problem 'put_back'). Only a row needing attention moves.
   */
  retry(clientId: string, by: string, at: string): boolean {
    return (
      this
        .sql(
          "UPDATE application SET state = 'pending', last_error = 'the hub refused it (' || coalesce(attention_code, '?') || ': ' || coalesce(attention_reason, '') || '); put back to send again', last_problem = 'put_back', attention_code = NULL, attention_reason = NULL, retried_by = ?, retried_at = ? WHERE client_id = ? AND state = 'attention'",
        )
        .run(by, at, clientId).changes === 1
    );
  }

  /** A counsellor discards an application that needs attention: its sealed bytes deleted (zeroed), the envelope kept with who and when. */
  discard(clientId: string, by: string, at: string): boolean {
    return (
      this
        .sql("UPDATE application SET state = 'discarded', sealed = NULL, discarded_by = ?, discarded_at = ? WHERE client_id = ? AND state = 'attention'")
        .run(by, at, clientId).changes === 1
    );
  }

  /**
   * A try that did not send these applications — not reaching the hub, not answered by it, the
   * device paused, or the uploader's own failure (`failed`) — counted, with what went wrong (in
   * English, and as a stable code), in one transaction; with `pause` (the hub refused this
   * device) the pause is kept in the same transaction (migration 006).
   */
  markTried(clientIds: string[], error: string, problem: OutboxProblem, at: string, pause?: { deviceId: string; code: string; message: string }): void {
    const st = this.sql("UPDATE application SET attempts = attempts + 1, last_error = ?, last_problem = ?, last_try_at = ? WHERE client_id = ? AND state = 'pending'");
    this.db.transaction(() => {
      for (const id of clientIds) st.run(error, problem, at, id);
      if (pause) this.sql('INSERT OR REPLACE INTO uploader_pause (id, device_id, code, message, at) VALUES (1, ?, ?, ?, ?)').run(pause.deviceId, pause.code, pause.message, at);
    })();
  }

  /** The hub's refusal of the enrolment `deviceId` (revoked, clock_skew) the last try got, kept until the hub takes an upload again; undefined when none. */
  pause(deviceId: string): StoredPause | undefined {
    return this.sql('SELECT code, message, at FROM uploader_pause WHERE device_id = ?').get(deviceId) as StoredPause | undefined;
  }

  /** The hub took an upload: the device is not paused (any kept pause is removed). */
  unpause(): void {
    this.sql('DELETE FROM uploader_pause').run();
  }

  /** Sent reservations still waiting for the centre's answer, the longest unasked first. */
  requested(limit: number): RequestedRow[] {
    return this.sql("SELECT client_id, receipt FROM application WHERE status = 'requested' ORDER BY coalesce(status_checked_at, ''), seq LIMIT ?").all(limit) as RequestedRow[];
  }

  /** How many sent reservations wait for the centre's answer. */
  requestedCount(): number {
    return (this.sql("SELECT count(*) AS n FROM application WHERE status = 'requested'").get() as { n: number }).n;
  }

  /** The hub's answer for a requested application: confirmed or declined (then final), or still requested (only the time asked is kept). */
  setStatus(clientId: string, s: { status: 'requested' | 'confirmed' | 'declined'; statusAt: string | null; reason: string | null }, checkedAt: string): boolean {
    return (
      this
        .sql("UPDATE application SET status = ?, status_at = ?, status_reason = ?, status_checked_at = ? WHERE client_id = ? AND status = 'requested'")
        .run(s.status, s.status === 'requested' ? null : s.statusAt, s.status === 'declined' ? s.reason : null, checkedAt, clientId).changes === 1
    );
  }
}
