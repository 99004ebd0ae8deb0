-- Search index segments: a catalogue delta (the hub's new version: a thousand changed entries
-- of a hundred thousand) is applied in place in one transaction, without building the whole
-- index again (37 s on the 100,000-record bench catalogue). As Lucene does: each applied batch
-- of documents appends one segment, and documents removed or replaced are masked as dead; the
-- next full build folds everything back into search_posting and empties both tables.
--
-- search_segment: one row per appended batch; its documents are numbered first_doc ..
-- first_doc + docs - 1 (above every earlier doc number, so posting lists stay ascending).
-- postings = a compact inverted index of that batch alone (db/search/segment.ts: header with
-- a format number, then per gram its doc numbers relative to first_doc and the same one-byte
-- weights as search_posting). Their search_doc rows are written as a full build writes them.
CREATE TABLE search_segment (
  seg       INTEGER PRIMARY KEY,
  first_doc INTEGER NOT NULL,
  docs      INTEGER NOT NULL,
  postings  BLOB NOT NULL
);

-- search_dead: doc numbers (of search_posting or of a segment) whose entry was removed or
-- replaced. Their search_doc rows are gone; the searcher leaves them out of every posting list.
-- Doc numbers are never reused: the next segment starts above the highest ever used.
CREATE TABLE search_dead (
  doc INTEGER PRIMARY KEY
);
