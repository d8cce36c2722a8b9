-- Orders that hold up: the outbox that delivers signed orders, procedures notices and host-state copies
-- outside the database transaction, and the columns the Regulation's clocks need. Portable SQL (see V1).

CREATE TABLE order_outbox (
    id ${id_column},
    order_id BIGINT NOT NULL REFERENCES removal_order (id),
    kind VARCHAR(20) NOT NULL,
    recipient_id BIGINT REFERENCES agency (id),
    endpoint TEXT,
    idempotency_key VARCHAR(100) NOT NULL UNIQUE,
    media_type VARCHAR(60) NOT NULL,
    payload TEXT NOT NULL,
    status VARCHAR(20) NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at VARCHAR(32) NOT NULL,
    claim_token VARCHAR(40),
    claimed_until VARCHAR(32),
    last_error TEXT,
    created_at VARCHAR(32) NOT NULL,
    acknowledged_at VARCHAR(32),
    acknowledgement TEXT
);
CREATE UNIQUE INDEX order_outbox_order_kind ON order_outbox (order_id, kind);
CREATE INDEX order_outbox_due ON order_outbox (status, next_attempt_at);

ALTER TABLE removal_order ADD COLUMN queued_at VARCHAR(32);
ALTER TABLE removal_order ADD COLUMN procedures_received_at VARCHAR(32);
ALTER TABLE removal_order ADD COLUMN copy_received_at VARCHAR(32);
ALTER TABLE removal_order ADD COLUMN impossibility VARCHAR(30);
ALTER TABLE removal_order ADD COLUMN executed_in_time INTEGER NOT NULL DEFAULT 0;
ALTER TABLE removal_order ADD COLUMN contested_at VARCHAR(32);
ALTER TABLE removal_order ADD COLUMN contest_grounds TEXT;
ALTER TABLE removal_order ADD COLUMN withheld_at VARCHAR(32);
ALTER TABLE removal_order ADD COLUMN withhold_extended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE removal_order ADD COLUMN suspension_flagged_at VARCHAR(32);

-- A contest (Art. 9) no longer is a state: the order stays where it was and must still be executed.
UPDATE removal_order SET contested_at = created_at,
    status = CASE WHEN executed_at IS NULL THEN 'SENT' ELSE 'EXECUTED' END
    WHERE status = 'CONTESTED';
UPDATE removal_order SET executed_in_time = 1
    WHERE executed_at IS NOT NULL AND deadline_at IS NOT NULL AND executed_at <= deadline_at;
