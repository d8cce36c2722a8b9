-- Dispatch: orders signed and queued ahead of an action day's H-hour wait in the outbox as HELD under a tag
-- (the action day), so that H-hour only releases them. Portable SQL (see V1).

ALTER TABLE order_outbox ADD COLUMN hold_tag VARCHAR(60);
ALTER TABLE order_outbox ADD COLUMN staged_at VARCHAR(32);
CREATE INDEX order_outbox_hold ON order_outbox (hold_tag, status);
CREATE INDEX order_outbox_claim ON order_outbox (claim_token);
