-- The centre's answer to a reservation (issue 14): an operator confirms or declines an
-- application of a service the centre confirms (긴급아이돌봄 예약: its form's `submitted` is
-- 'requested'), with `cli hub confirm RECEIPT` / `cli hub decline RECEIPT --reason TEXT`. The
-- device asks for it by receipt (GET /intake/v1/receipts/:receipt) and shows it. status_reason
-- is the operator's short, non-personal words for a decline ("그 시간은 예약이 찼어요").
ALTER TABLE application ADD COLUMN status_at timestamptz;
ALTER TABLE application ADD COLUMN status_reason text;
ALTER TABLE application ADD CONSTRAINT application_status_known CHECK (status IN ('received', 'confirmed', 'declined'));
ALTER TABLE application ADD CONSTRAINT application_status_at CHECK ((status = 'received') = (status_at IS NULL));
ALTER TABLE application ADD CONSTRAINT application_status_reason CHECK (
  (status = 'declined') = (status_reason IS NOT NULL) AND (status_reason IS NULL OR char_length(status_reason) BETWEEN 1 AND 100)
);
