-- Action days (takedown-operations): a coordinator's plan of targets across participating agencies, the
-- "do not touch" entries agencies register and the conflicts they raise, each agency's go/no-go, the
-- signed frozen plan and what fired at H-hour. Portable SQL (see V1); only these tables.

CREATE TABLE action_day (
    id ${id_column},
    name VARCHAR(200) NOT NULL,
    coordinator_id BIGINT NOT NULL REFERENCES agency (id),
    h_hour VARCHAR(32) NOT NULL,
    status VARCHAR(20) NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    frozen_by VARCHAR(100),
    frozen_at VARCHAR(32),
    plan_document TEXT,
    plan_signature TEXT,
    plan_key_id VARCHAR(100),
    strike_started_at VARCHAR(32),
    struck_at VARCHAR(32)
);

CREATE TABLE action_part (
    action_id BIGINT NOT NULL REFERENCES action_day (id),
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    added_at VARCHAR(32) NOT NULL,
    approved_by VARCHAR(100),
    approved_at VARCHAR(32),
    PRIMARY KEY (action_id, agency_id)
);

CREATE TABLE action_target (
    id ${id_column},
    action_id BIGINT NOT NULL REFERENCES action_day (id),
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    item_id BIGINT NOT NULL REFERENCES case_item (id),
    provider_id BIGINT NOT NULL REFERENCES agency (id),
    kind VARCHAR(10) NOT NULL,
    order_id BIGINT REFERENCES removal_order (id),
    referral_id BIGINT REFERENCES referral (id),
    emergency_reason TEXT,
    source VARCHAR(200) NOT NULL,
    added_by VARCHAR(100) NOT NULL,
    added_at VARCHAR(32) NOT NULL,
    outcome VARCHAR(20),
    outcome_reason TEXT,
    fired_at VARCHAR(32)
);
CREATE INDEX action_target_action ON action_target (action_id, agency_id);

CREATE TABLE deconfliction_entry (
    id ${id_column},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    scope VARCHAR(10) NOT NULL,
    value TEXT NOT NULL,
    reason TEXT NOT NULL,
    contact TEXT NOT NULL,
    handling VARCHAR(10) NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    withdrawn_at VARCHAR(32)
);
CREATE INDEX deconfliction_entry_value ON deconfliction_entry (value);

CREATE TABLE deconfliction_hit (
    id ${id_column},
    entry_id BIGINT NOT NULL REFERENCES deconfliction_entry (id),
    target_id BIGINT NOT NULL REFERENCES action_target (id),
    status VARCHAR(10) NOT NULL,
    found_at VARCHAR(32) NOT NULL,
    decided_by VARCHAR(100),
    decided_at VARCHAR(32),
    UNIQUE (entry_id, target_id)
);
