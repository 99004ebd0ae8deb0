-- Eligibility rules (in entry.data): which entries have stated conditions the finder can evaluate.
ALTER TABLE entry ADD COLUMN rules_stated INTEGER NOT NULL DEFAULT 0 CHECK (rules_stated IN (0, 1));
CREATE INDEX entry_rules ON entry(rules_stated) WHERE rules_stated = 1;
