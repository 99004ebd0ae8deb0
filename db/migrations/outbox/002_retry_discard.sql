-- The counsellor's queue actions (issue 14): a needs-attention application can be put back to
-- pending (retried_by/at) or discarded after confirmation — its sealed bytes deleted (zeroed:
-- secure_delete is on), the envelope kept as 'discarded' with who and when. SQLite cannot
-- change a CHECK, so the table is rebuilt with the same rows (the old pages are zeroed too).
CREATE TABLE application_v2 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id TEXT NOT NULL UNIQUE,
  service TEXT NOT NULL,
  created_at TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  sealed BLOB,                                     -- NULL once sent or discarded
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'attention', 'discarded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_try_at TEXT,
  receipt TEXT,
  received_at TEXT,
  attention_code TEXT,                             -- kept when discarded: why it was refused
  attention_reason TEXT,
  retried_by TEXT,                                 -- the counsellor who put it back to pending (their name)
  retried_at TEXT,
  discarded_by TEXT,                               -- the counsellor who discarded it (their name)
  discarded_at TEXT,
  CHECK (state <> 'sent' OR (sealed IS NULL AND receipt IS NOT NULL)),
  CHECK (state IN ('sent', 'discarded') OR sealed IS NOT NULL),
  CHECK (state <> 'discarded' OR (sealed IS NULL AND discarded_by IS NOT NULL AND discarded_at IS NOT NULL))
);
INSERT INTO application_v2 (seq, client_id, service, created_at, size, sealed, state, attempts, last_error, last_try_at, receipt, received_at, attention_code, attention_reason)
  SELECT seq, client_id, service, created_at, size, sealed, state, attempts, last_error, last_try_at, receipt, received_at, attention_code, attention_reason FROM application;
DROP TABLE application;
ALTER TABLE application_v2 RENAME TO application;
CREATE INDEX application_state ON application (state, seq);
