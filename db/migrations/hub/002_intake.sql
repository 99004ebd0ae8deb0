-- The hub's intake (issue 13; sync/protocol/intake.ts, sync/hub/intake.node.ts): the devices
-- enrolled with one-time codes, and the sealed applications they upload. The hub keeps only the
-- sealed bytes of an application (opened with its sealing key when an operator lists them).

-- Enrolled devices. A name is unique among the devices not revoked (a revoked device's name
-- may be given again); a revoked device stays, so its applications keep their sender.
CREATE TABLE device (
  id          text        PRIMARY KEY CHECK (id ~ '^dev_[0-9a-f]{32}$'),
  name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
  -- the device's own ed25519 public key line (ed25519:…); its private key never leaves it
  public_key  text        NOT NULL CHECK (public_key ~ '^ed25519:[A-Za-z0-9+/]{43}=$'),
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE UNIQUE INDEX device_name_active ON device (name) WHERE revoked_at IS NULL;

-- One-time enrolment codes, stored only as the SHA-256 (hex) of the canonical code: a copy of
-- the database does not enrol anyone. Single use (used_at), 24 hours (expires_at).
CREATE TABLE enrolment_code (
  code_sha256 text        PRIMARY KEY CHECK (code_sha256 ~ '^[0-9a-f]{64}$'),
  -- the name the device gets
  name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 64),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  -- the device enrolled with it
  device_id   text        REFERENCES device (id)
);
-- a new code for a name supersedes the unused ones; revoking a name cancels them
CREATE INDEX enrolment_code_name_unused ON enrolment_code (name) WHERE used_at IS NULL;

-- Sealed applications, one per client id (idempotent: an identical resend finds its row).
CREATE TABLE application (
  client_id   uuid        PRIMARY KEY,
  -- insertion order, for a stable "oldest first" among rows received in one statement
  seq         bigint      GENERATED ALWAYS AS IDENTITY,
  device_id   text        NOT NULL REFERENCES device (id),
  service     text        NOT NULL CHECK (service ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  -- the envelope's created-at exactly as the device sent it: the sealed bytes are bound to
  -- this text (their additional data), so it is kept as text, not as a timestamp
  created_at  text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  size        integer     NOT NULL CHECK (size > 0),
  sealed      bytea       NOT NULL,
  -- SHA-256 (hex) of the sealed bytes: an identical resend has the same digest
  digest      text        NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  -- NNNN-NNNN-C: eight random digits and a Damm check digit
  receipt     text        NOT NULL UNIQUE CHECK (receipt ~ '^[0-9]{4}-[0-9]{4}-[0-9]$'),
  status      text        NOT NULL DEFAULT 'received' CHECK (status <> '')
);
CREATE INDEX application_received ON application (received_at, seq);
CREATE INDEX application_device ON application (device_id);
