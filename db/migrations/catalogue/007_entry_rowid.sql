-- foreign_keys: off
-- The entry table as an ordinary (rowid) table. It was WITHOUT ROWID, which suits small rows
-- only (SQLite: rows under about 1/20 of a page): an entry row carries the whole entry as JSON
-- (a policy in four languages is several kilobytes), so each sat in pages of its own and
-- overflow chains — 498 MB for 124 MB of entries on the 100,000-record bench catalogue, and
-- every snapshot the hub ships and every kiosk unpacks carried that. The columns, the key and
-- the indexes are the same. Rebuilt the way SQLite documents (new table, copy, drop, rename)
-- with foreign keys off for this migration only — dropping the old table must not cascade to
-- the entries' texts, stages, phones and locations; the runner checks the keys before it commits.
CREATE TABLE entry_new (
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
  data              TEXT NOT NULL,
  rules_stated      INTEGER NOT NULL DEFAULT 0 CHECK (rules_stated IN (0, 1))
);
INSERT INTO entry_new (id, kind, scope, status, category, district, organization_id, title_ko, title_en, amount_year, online_url,
  min_age_months, max_age_months, applicant_min_age, applicant_max_age, last_verified, verify_before_use, source_file, data, rules_stated)
SELECT id, kind, scope, status, category, district, organization_id, title_ko, title_en, amount_year, online_url,
  min_age_months, max_age_months, applicant_min_age, applicant_max_age, last_verified, verify_before_use, source_file, data, rules_stated
FROM entry;
DROP TABLE entry;
ALTER TABLE entry_new RENAME TO entry;
CREATE INDEX entry_kind ON entry(kind, category);
CREATE INDEX entry_rules ON entry(rules_stated) WHERE rules_stated = 1;
CREATE INDEX entry_listing ON entry(id, category, status, title_ko);
