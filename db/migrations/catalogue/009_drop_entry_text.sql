-- entry_text held each entry's texts a second time, one row per field and language (seven rows
-- an entry on average), beside the whole entry in entry.data. Only a search result list read it
-- (a title and a summary); it now reads them from entry.data. On the 100,000-record bench
-- catalogue the table was 749,000 rows and 79 MB of the 504 MB file: every snapshot the hub
-- ships and every kiosk unpacks carried it, and every build wrote it.
DROP TABLE entry_text;
