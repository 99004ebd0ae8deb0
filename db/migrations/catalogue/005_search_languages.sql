-- Search in Vietnamese and Chinese (search index format 2): the titles the re-ranking compares
-- with what was typed. title_vi: the Vietnamese title's words, folded (lower case, marks
-- removed, đ → d), one space apart; title_zh: the Chinese title normalised, spaces removed
-- (empty when it has no Chinese characters). Their grams (v:, h:, and e: for Vietnamese words)
-- live in search_posting as before. A file migrated from an older app has empty titles here and
-- none of those grams: the catalogue service builds its index again (search_meta `format`).
ALTER TABLE search_doc ADD COLUMN title_vi TEXT NOT NULL DEFAULT '';
ALTER TABLE search_doc ADD COLUMN title_zh TEXT NOT NULL DEFAULT '';
