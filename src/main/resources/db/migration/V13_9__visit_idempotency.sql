-- A phone retries a visit it may already have sent with the key it drew when the visit was queued:
-- the same key from the same person is the same visit. Owned by the liaison module.
ALTER TABLE visit ADD COLUMN idempotency_key varchar(100);
CREATE UNIQUE INDEX visit_idempotency_idx ON visit (person_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
