-- The device's outbox (DATA/outbox.sqlite): sealed applications waiting to reach the hub.
-- Nothing personal is ever stored here: `sealed` is the application encrypted with the hub's
-- sealing key at submit (the device cannot open it), and it is set to NULL once the hub has
-- given a receipt (secure_delete is on for every connection, so the freed pages are zeroed).
-- last_error, attention_code and attention_reason hold only what the network or the hub said.
CREATE TABLE application (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,           -- oldest first
  client_id TEXT NOT NULL UNIQUE,                  -- crypto.randomUUID(), made at submit
  service TEXT NOT NULL,
  created_at TEXT NOT NULL,                        -- ISO time (part of the sealed envelope)
  size INTEGER NOT NULL CHECK (size > 0),          -- bytes of the sealed application
  sealed BLOB,                                     -- NULL once sent
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'attention')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_try_at TEXT,
  receipt TEXT,
  received_at TEXT,
  attention_code TEXT,
  attention_reason TEXT,
  CHECK (state <> 'sent' OR (sealed IS NULL AND receipt IS NOT NULL)),
  CHECK (state = 'sent' OR sealed IS NOT NULL)
);
CREATE INDEX application_state ON application (state, seq);
