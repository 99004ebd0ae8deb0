-- Counsellor accounts and their drafts on this device (DATA/counsellor.sqlite, 0600,
-- secure_delete on every connection). No PIN is stored: only its scrypt verifier, with the
-- salt and cost it was made with. A draft is AES-256-GCM ciphertext under a key derived from
-- the PIN with a salt of its own (key_salt): without the PIN it cannot be opened. What is in
-- the clear is only what is needed to list and lock: the counsellor's name, the count of wrong
-- PINs in a row, and per draft its id, owner, times and size.
CREATE TABLE counsellor (
  id TEXT PRIMARY KEY,                                   -- random (c_…): what logs name, never the person
  name TEXT NOT NULL UNIQUE,                             -- as the operator typed it (NFC), 1–40 characters
  verifier BLOB NOT NULL CHECK (length(verifier) = 32),  -- scrypt(PIN, verifier_salt)
  verifier_salt BLOB NOT NULL CHECK (length(verifier_salt) = 16),
  key_salt BLOB NOT NULL CHECK (length(key_salt) = 16),  -- the drafts' key: scrypt(PIN, key_salt), never stored
  scrypt_n INTEGER NOT NULL,
  scrypt_r INTEGER NOT NULL,
  scrypt_p INTEGER NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0), -- wrong PINs in a row (counted before checking)
  locked_at TEXT,                                        -- set at the 5th; only an operator clears it
  created_at TEXT NOT NULL,
  pin_changed_at TEXT NOT NULL,
  unlocked_at TEXT                                       -- the last time an operator cleared a lock
);

CREATE TABLE draft (
  id TEXT PRIMARY KEY,                                   -- random UUID (also bound in the ciphertext's AAD)
  counsellor_id TEXT NOT NULL REFERENCES counsellor (id) ON DELETE CASCADE,
  format INTEGER NOT NULL DEFAULT 1,
  iv BLOB NOT NULL CHECK (length(iv) = 12),
  tag BLOB NOT NULL CHECK (length(tag) = 16),
  ciphertext BLOB NOT NULL,                              -- {kind, service, label, data} as JSON, encrypted
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX draft_owner ON draft (counsellor_id, updated_at);
