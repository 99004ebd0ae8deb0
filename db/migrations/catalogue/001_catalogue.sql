-- Catalogue store, shaped after Open Referral HSDS 3.x plus this product's fields.
-- Every entry's full validated source is kept in entry.data (JSON) for the policy page;
-- the normalised tables below serve lists, filters, schedules ("open now") and the Open API.

CREATE TABLE catalogue_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE organization (
  id      TEXT PRIMARY KEY,
  name_ko TEXT NOT NULL,
  name    TEXT NOT NULL,            -- JSON LocalText
  url     TEXT
) WITHOUT ROWID;

-- HSDS "service"; facilities are entries too (kind = 'facility') so that search and pages treat them alike.
CREATE TABLE entry (
  id                TEXT PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('policy', 'service', 'facility')),
  scope             TEXT NOT NULL CHECK (scope IN ('national', 'gwangju', 'district')),
  status            TEXT NOT NULL CHECK (status IN ('active', 'discontinued', 'planned')),
  category          TEXT NOT NULL,
  district          TEXT,
  organization_id   TEXT REFERENCES organization(id),
  title_ko          TEXT NOT NULL,
  title_en          TEXT NOT NULL,
  amount_year       TEXT,
  online_url        TEXT,
  min_age_months    INTEGER,
  max_age_months    INTEGER,
  applicant_min_age INTEGER,
  applicant_max_age INTEGER,
  last_verified     TEXT NOT NULL,
  verify_before_use INTEGER NOT NULL CHECK (verify_before_use IN (0, 1)),
  source_file       TEXT NOT NULL,
  data              TEXT NOT NULL     -- JSON: the full validated entry
) WITHOUT ROWID;
CREATE INDEX entry_kind ON entry(kind, category);

CREATE TABLE entry_stage (
  entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
  stage    TEXT NOT NULL,
  position INTEGER NOT NULL,          -- 0 = primary stage
  PRIMARY KEY (stage, entry_id)
) WITHOUT ROWID;

-- Per-language text, one row per field and language (ko always present).
CREATE TABLE entry_text (
  entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
  field    TEXT NOT NULL,
  lang     TEXT NOT NULL CHECK (lang IN ('ko', 'en', 'vi', 'zh')),
  value    TEXT NOT NULL,
  PRIMARY KEY (entry_id, field, lang)
) WITHOUT ROWID;

CREATE TABLE phone (
  id       INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
  number   TEXT NOT NULL,
  label    TEXT                        -- JSON LocalText
);

CREATE TABLE location (
  id            TEXT PRIMARY KEY,      -- the facility entry id
  entry_id      TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
  address_ko    TEXT NOT NULL,
  district      TEXT,
  dong          TEXT,
  lat           REAL,
  lon           REAL,
  geo_precision TEXT NOT NULL CHECK (geo_precision IN ('exact', 'dong', 'district', 'unknown'))
) WITHOUT ROWID;

CREATE TABLE service_at_location (
  service_id  TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
  location_id TEXT NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  PRIMARY KEY (service_id, location_id)
) WITHOUT ROWID;

-- HSDS schedule: weekly RRULE (FREQ=WEEKLY;BYDAY=...) with opens_at/closes_at.
CREATE TABLE schedule (
  id                 INTEGER PRIMARY KEY,
  entry_id           TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
  rrule              TEXT NOT NULL,
  byday              TEXT NOT NULL,     -- 'MO,TU,...'
  opens_at           TEXT NOT NULL,
  closes_at          TEXT NOT NULL,
  overnight          INTEGER NOT NULL CHECK (overnight IN (0, 1)),
  closed_on_holidays INTEGER NOT NULL CHECK (closed_on_holidays IN (0, 1)),
  note               TEXT               -- JSON LocalText
);

CREATE TABLE source (
  id       INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL,              -- entry or FAQ id
  url      TEXT,
  document TEXT,
  title    TEXT NOT NULL,
  date     TEXT NOT NULL,
  type     TEXT NOT NULL
);
CREATE INDEX source_entry ON source(entry_id);

CREATE TABLE faq (
  id            TEXT PRIMARY KEY,
  question_ko   TEXT NOT NULL,
  position      INTEGER NOT NULL,
  last_verified TEXT NOT NULL,
  data          TEXT NOT NULL          -- JSON: the full validated FAQ item
) WITHOUT ROWID;
