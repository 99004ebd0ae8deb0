-- Search index: our own inverted index of grams (syllable bigrams, 초성 bigrams, jamo
-- trigrams, Latin prefixes) with compact posting lists, built with the catalogue.
-- docs = little-endian uint32 doc numbers, ascending; weights = one byte per doc (field weight).

CREATE TABLE search_doc (
  doc            INTEGER PRIMARY KEY,  -- dense 1..N
  entry_id       TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL,
  status         TEXT NOT NULL,
  title          TEXT NOT NULL,
  title_en       TEXT NOT NULL,
  title_key      TEXT NOT NULL,        -- normalised, spaces removed
  names_key      TEXT NOT NULL,        -- other names and keywords, normalised, spaces removed, '|' separated
  title_cho      TEXT NOT NULL,
  names_cho      TEXT NOT NULL,
  primary_stage  TEXT NOT NULL,
  category       TEXT NOT NULL,
  district       TEXT,
  min_age_months INTEGER,
  max_age_months INTEGER
);

CREATE TABLE search_doc_stage (
  stage TEXT NOT NULL,
  doc   INTEGER NOT NULL,
  PRIMARY KEY (stage, doc)
) WITHOUT ROWID;
CREATE INDEX search_doc_category ON search_doc(category);
CREATE INDEX search_doc_district ON search_doc(district);

CREATE TABLE search_posting (
  gram    TEXT PRIMARY KEY,
  df      INTEGER NOT NULL,
  docs    BLOB NOT NULL,
  weights BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE search_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
