-- Receipt numbers given on the device (issue 14): a person leaves with their receipt number
-- even when the kiosk is offline. The hub gives each enrolled device blocks of 10,000 numbers
-- (a four-digit prefix: prefix, a four-digit sequence, the Damm check digit) — the first with
-- the enrolment, another when fewer than 2,000 are left — and the device gives each application
-- the next number in the transaction that stores it (application.receipt, from submit on; the
-- hub keeps it when the application arrives). A block belongs to the enrolment it was given to
-- (device_id): a device enrolled again gives numbers only from its new enrolment's blocks.
-- Nothing personal: a receipt number says nothing about the person.
CREATE TABLE receipt_block (
  device_id TEXT NOT NULL,
  prefix TEXT NOT NULL CHECK (length(prefix) = 4 AND prefix NOT GLOB '*[^0-9]*'),
  next INTEGER NOT NULL DEFAULT 0 CHECK (next BETWEEN 0 AND 10000),   -- the next sequence to give; 10000: used up
  got_at TEXT NOT NULL,
  PRIMARY KEY (device_id, prefix)
);
