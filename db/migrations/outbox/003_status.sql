-- The application's status at the hub (issue 14), for the receipt's status: a sent application
-- is 'received', or — a reservation, whose form's `submitted` is 'requested' (긴급아이돌봄 예약)
-- — 'requested' until the centre answers 'confirmed' or 'declined' (`cli hub confirm|decline`).
-- The outbox asks the hub for it by receipt (GET /intake/v1/receipts/:receipt) after an upload
-- pass that reached the hub and on its background tick. status_reason is the centre's short,
-- non-personal words for a decline; status_checked_at when the hub was last asked. The status of
-- applications sent before this migration is set when the outbox opens (store.node.ts).
ALTER TABLE application ADD COLUMN status TEXT CHECK (status IS NULL OR status IN ('received', 'requested', 'confirmed', 'declined'));
ALTER TABLE application ADD COLUMN status_at TEXT;
ALTER TABLE application ADD COLUMN status_reason TEXT;
ALTER TABLE application ADD COLUMN status_checked_at TEXT;
CREATE INDEX application_requested ON application (seq) WHERE status = 'requested';
