-- The uploader's pause, kept (issue 14): when the hub refuses this device as a whole (401/403 in
-- its own words: revoked, clock_skew), the uploader pauses and every waiting application is
-- counted with last_problem 'paused'; the hub's code and words are kept here too, in the same
-- transaction, so `cli outbox` says the device is paused after a restart and from another
-- process. One row at most, for the enrolment it was said to (device_id: a device enrolled again
-- does not show its old enrolment's pause); removed when the hub next takes an upload.
-- Nothing personal: the hub's error code and its English words about the device.
CREATE TABLE uploader_pause (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  device_id TEXT NOT NULL,
  code TEXT NOT NULL,                              -- the hub's error code: revoked, clock_skew, …
  message TEXT NOT NULL,                           -- the hub's words
  at TEXT NOT NULL                                 -- the try the hub refused
);
