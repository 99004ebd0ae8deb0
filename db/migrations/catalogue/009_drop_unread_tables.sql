-- Tables written with every entry but never read: entry.data holds the whole entry, and the
-- policy page, the result lists, the facility directory and the Open API read it from there.
-- - entry_text: each entry's texts a second time, one row per field and language (seven an
--   entry); a search result list now takes its title and summary out of entry.data.
-- - phone, schedule, source: an entry's phones, opening hours and sources, also in entry.data.
-- On the 100,000-record bench catalogue they were 1.04 million of its 1.35 million rows and
-- 130 MB of its 504 MB file: every snapshot the hub ships and every kiosk unpacks carried them,
-- every build wrote them, and every delta changed them.
DROP TABLE entry_text;
DROP TABLE phone;
DROP TABLE schedule;
DROP TABLE source;
