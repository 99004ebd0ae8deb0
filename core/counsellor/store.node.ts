/**
 * The counsellor mode's database, DATA/counsellor.sqlite (migrations in
 * db/migrations/counsellor/): accounts (name, PIN verifier, salts, cost, wrong PINs in a row)
 * and encrypted drafts. A SQLite file rather than loose files because a PIN change re-encrypts
 * every draft and replaces the verifier and both salts in ONE transaction (a crash leaves the
 * old PIN working with the old drafts, or the new with the new — never a mix), because the
 * count of wrong PINs must survive a power cut (synchronous FULL: each count is flushed before
 * the PIN is checked), and because secure_delete zeroes the pages an old ciphertext leaves
 * behind (the WAL is truncated after each such write). Created 0600 before SQLite opens it (its
 * -wal and -shm take the file's mode); the kiosk host and an operator's CLI may both have it open.
 */
import { join } from 'node:path';
import { PrivateStore } from '../private-files.node.js';
import type { SealedDraft } from './draft-crypto.node.js';
import type { ScryptCost } from './pin.node.js';

export const counsellorFile = (dataDir: string): string => join(dataDir, 'counsellor.sqlite');

export interface AccountRow {
  id: string;
  name: string;
  verifier: Buffer;
  verifier_salt: Buffer;
  key_salt: Buffer;
  scrypt_n: number;
  scrypt_r: number;
  scrypt_p: number;
  failures: number;
  locked_at: string | null;
  created_at: string;
  pin_changed_at: string;
  unlocked_at: string | null;
}

export interface DraftRow extends SealedDraft {
  id: string;
  counsellor_id: string;
  format: number;
  created_at: string;
  updated_at: string;
}

export const costOf = (a: AccountRow): ScryptCost => ({ N: a.scrypt_n, r: a.scrypt_r, p: a.scrypt_p });


export class CounsellorStore extends PrivateStore {

  constructor(dataDir: string, migrationsDir: string) {
    // every commit flushed: a wrong PIN counted is counted, power cut or not
    super(dataDir, counsellorFile(dataDir), migrationsDir, 'the counsellor store');
  }

  // ---- accounts ----------------------------------------------------------------------------

  insertAccount(a: Omit<AccountRow, 'failures' | 'locked_at' | 'unlocked_at'>): void {
    this.sql(
      'INSERT INTO counsellor (id, name, verifier, verifier_salt, key_salt, scrypt_n, scrypt_r, scrypt_p, created_at, pin_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(a.id, a.name, a.verifier, a.verifier_salt, a.key_salt, a.scrypt_n, a.scrypt_r, a.scrypt_p, a.created_at, a.pin_changed_at);
  }

  byName(name: string): AccountRow | undefined {
    return this.sql('SELECT * FROM counsellor WHERE name = ?').get(name) as AccountRow | undefined;
  }

  byId(id: string): AccountRow | undefined {
    return this.sql('SELECT * FROM counsellor WHERE id = ?').get(id) as AccountRow | undefined;
  }

  accounts(): (AccountRow & { drafts: number })[] {
    return this.sql('SELECT c.*, (SELECT count(*) FROM draft d WHERE d.counsellor_id = c.id) AS drafts FROM counsellor c ORDER BY c.name').all() as (AccountRow & { drafts: number })[];
  }

  /**
   * Counts a sign-in attempt as a failure BEFORE its PIN is checked (flushed), so killing the
   * program in the middle of a check does not erase it. Answers the count now, or null when
   * the account already holds `max` failures (locked: nothing is checked).
   */
  countAttempt(id: string, max: number): number | null {
    const r = this.sql('UPDATE counsellor SET failures = failures + 1 WHERE id = ? AND failures < ? RETURNING failures').get(id, max) as { failures: number } | undefined;
    return r ? r.failures : null;
  }

  /** The PIN was right: the attempt counted before the check, and the ones before it, are cleared. */
  clearFailures(id: string): void {
    this.sql('UPDATE counsellor SET failures = 0 WHERE id = ?').run(id);
  }

  markLocked(id: string, at: string): void {
    this.sql('UPDATE counsellor SET locked_at = coalesce(locked_at, ?) WHERE id = ?').run(at, id);
  }

  /** An operator clears the lock (and the count of wrong PINs). */
  unlock(id: string, at: string): void {
    this.sql('UPDATE counsellor SET failures = 0, locked_at = NULL, unlocked_at = ? WHERE id = ?').run(at, id);
  }

  /** A new PIN: the verifier, both salts and the cost replaced, and every draft re-encrypted — in one transaction. */
  replacePin(id: string, a: { verifier: Buffer; verifier_salt: Buffer; key_salt: Buffer; cost: ScryptCost; at: string }, drafts: (SealedDraft & { id: string })[]): void {
    this.db.transaction(() => {
      const upd = this.sql('UPDATE draft SET iv = ?, tag = ?, ciphertext = ? WHERE id = ? AND counsellor_id = ?');
      for (const d of drafts) if (upd.run(d.iv, d.tag, d.ciphertext, d.id, id).changes !== 1) throw new Error('a draft changed while the PIN was being changed; nothing was changed');
      const n = (this.sql('SELECT count(*) AS n FROM draft WHERE counsellor_id = ?').get(id) as { n: number }).n;
      if (n !== drafts.length) throw new Error('a draft was added while the PIN was being changed; nothing was changed');
      this.sql('UPDATE counsellor SET verifier = ?, verifier_salt = ?, key_salt = ?, scrypt_n = ?, scrypt_r = ?, scrypt_p = ?, pin_changed_at = ?, failures = 0 WHERE id = ?').run(
        a.verifier,
        a.verifier_salt,
        a.key_salt,
        a.cost.N,
        a.cost.r,
        a.cost.p,
        a.at,
        id,
      );
    })();
  }

  // ---- drafts ------------------------------------------------------------------------------

  drafts(counsellorId: string): DraftRow[] {
    return this.sql('SELECT * FROM draft WHERE counsellor_id = ? ORDER BY updated_at DESC, id').all(counsellorId) as DraftRow[];
  }

  draft(counsellorId: string, id: string): DraftRow | undefined {
    return this.sql('SELECT * FROM draft WHERE counsellor_id = ? AND id = ?').get(counsellorId, id) as DraftRow | undefined;
  }

  insertDraft(d: DraftRow): void {
    this.sql('INSERT INTO draft (id, counsellor_id, format, iv, tag, ciphertext, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      d.id,
      d.counsellor_id,
      d.format,
      d.iv,
      d.tag,
      d.ciphertext,
      d.created_at,
      d.updated_at,
    );
  }

  updateDraft(counsellorId: string, id: string, d: SealedDraft, at: string): boolean {
    return this.sql('UPDATE draft SET iv = ?, tag = ?, ciphertext = ?, updated_at = ? WHERE counsellor_id = ? AND id = ?').run(d.iv, d.tag, d.ciphertext, at, counsellorId, id).changes === 1;
  }

  deleteDraft(counsellorId: string, id: string): boolean {
    return this.sql('DELETE FROM draft WHERE counsellor_id = ? AND id = ?').run(counsellorId, id).changes === 1;
  }
}
