/**
 * A draft at rest: AES-256-GCM under the counsellor's PIN-derived key (pin.node.ts), a random
 * 12-byte IV each time it is written (a key never meets the same IV twice: 2^-96 per pair), a
 * 16-byte tag (asked for explicitly: REFERENCE.md §5), and the draft's identity — format, the
 * counsellor's account id, the draft id — bound as additional data, so a ciphertext moved to
 * another row or another counsellor does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const DRAFT_FORMAT = 1;

export interface SealedDraft {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

const aad = (counsellorId: string, draftId: string) => Buffer.from(`aichingu-draft/${DRAFT_FORMAT}\n${counsellorId}\n${draftId}`, 'utf8');

export function encryptDraft(key: Buffer, ids: { counsellorId: string; draftId: string }, plaintext: Buffer): SealedDraft {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  c.setAAD(aad(ids.counsellorId, ids.draftId));
  const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
  return { iv, tag: c.getAuthTag(), ciphertext };
}

/** The plaintext, or a throw when the key is not the one it was written with (or anything was changed). */
export function decryptDraft(key: Buffer, ids: { counsellorId: string; draftId: string }, d: SealedDraft): Buffer {
  const c = createDecipheriv('aes-256-gcm', key, d.iv, { authTagLength: 16 });
  c.setAAD(aad(ids.counsellorId, ids.draftId));
  c.setAuthTag(d.tag);
  return Buffer.concat([c.update(d.ciphertext), c.final()]);
}
