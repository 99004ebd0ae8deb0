-- Receipt numbers given in blocks (issue 14: a person leaves with their receipt number, even
-- from a kiosk that is offline). A block is a four-digit prefix: its 10,000 numbers (prefix,
-- a four-digit sequence, the Damm check digit) belong to one device, which gives them at submit
-- — the first block with its enrolment, the next when it runs low — or, device_id NULL, to the
-- hub itself, which gives a number from one of its own blocks to an application that comes
-- without one. A block never changes owner, so a device's and the hub's numbers never meet.
CREATE TABLE receipt_block (
  prefix    text        PRIMARY KEY CHECK (prefix ~ '^[0-9]{4}$'),
  -- NULL: the hub's own
  device_id text        REFERENCES device (id),
  issued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX receipt_block_device ON receipt_block (device_id, issued_at);
-- the receipts the hub drew at random before blocks: each one's prefix becomes a block of the
-- hub's own, so no device is ever given a block one of them is in
INSERT INTO receipt_block (prefix, device_id, issued_at)
  SELECT DISTINCT left(receipt, 4), NULL::text, now() FROM application
  ON CONFLICT (prefix) DO NOTHING;
-- "has the device used this block yet": its applications by their receipts' prefix
CREATE INDEX application_device_block ON application (device_id, (left(receipt, 4)));
