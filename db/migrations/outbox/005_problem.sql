-- Why an application's last try did not send it, as a stable code next to last_error's English
-- words (core/contract/lists.ts OUTBOX_PROBLEMS: unreachable, cut_short, hub_busy, wifi_login,
-- not_hub, incomplete, paused, put_back): the status view says it in plain words in the
-- kiosk's language, the English staying for logs, the CLI and small print. NULL when nothing
-- went wrong, and for tries made before this migration (their last_error is still shown).
ALTER TABLE application ADD COLUMN last_problem TEXT;
