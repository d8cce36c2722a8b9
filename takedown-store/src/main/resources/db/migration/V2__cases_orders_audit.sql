-- Agencies, users and roles; cases and items; referrals; TCO removal orders with their deadlines;
-- the append-only, hash-chained audit log with signed checkpoints. Portable SQL (see V1).

CREATE TABLE agency (
    id ${id_column},
    code VARCHAR(40) NOT NULL UNIQUE,
    name VARCHAR(200) NOT NULL,
    country VARCHAR(2) NOT NULL,
    kind VARCHAR(30) NOT NULL,
    endpoint TEXT
);

CREATE TABLE app_user (
    id ${id_column},
    name VARCHAR(100) NOT NULL UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    roles VARCHAR(200) NOT NULL
);

CREATE TABLE case_file (
    id ${id_column},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    title VARCHAR(300) NOT NULL,
    handling VARCHAR(10) NOT NULL,
    may_leave INTEGER NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at VARCHAR(32) NOT NULL
);

CREATE TABLE case_item (
    id ${id_column},
    case_id BIGINT NOT NULL REFERENCES case_file (id),
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    capture_ref TEXT,
    signals TEXT,
    labels TEXT,
    handling VARCHAR(10) NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at VARCHAR(32) NOT NULL
);
CREATE INDEX case_item_url ON case_item (canonical_url);

CREATE TABLE referral (
    id ${id_column},
    item_id BIGINT NOT NULL REFERENCES case_item (id),
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    provider_id BIGINT NOT NULL REFERENCES agency (id),
    status VARCHAR(20) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    sent_at VARCHAR(32),
    outcome VARCHAR(40),
    outcome_at VARCHAR(32)
);

CREATE TABLE removal_order (
    id ${id_column},
    item_id BIGINT NOT NULL REFERENCES case_item (id),
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    provider_id BIGINT NOT NULL REFERENCES agency (id),
    status VARCHAR(20) NOT NULL,
    document TEXT NOT NULL,
    language VARCHAR(5) NOT NULL,
    emergency INTEGER NOT NULL,
    first_for_provider INTEGER NOT NULL,
    cross_border INTEGER NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    approved_by VARCHAR(100),
    approved_at VARCHAR(32),
    earliest_send_at VARCHAR(32),
    received_at VARCHAR(32),
    deadline_at VARCHAR(32),
    suspended_at VARCHAR(32),
    executed_at VARCHAR(32),
    closed_at VARCHAR(32),
    scrutiny_due_at VARCHAR(32),
    scrutiny_outcome VARCHAR(20),
    preserve_until VARCHAR(32),
    inform_after VARCHAR(32),
    escalated_at VARCHAR(32),
    signature TEXT
);
CREATE INDEX removal_order_deadline ON removal_order (status, deadline_at);

CREATE TABLE order_event (
    id ${id_column},
    order_id BIGINT NOT NULL REFERENCES removal_order (id),
    kind VARCHAR(40) NOT NULL,
    detail TEXT,
    actor VARCHAR(100) NOT NULL,
    at VARCHAR(32) NOT NULL
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at VARCHAR(32) NOT NULL,
    actor VARCHAR(100) NOT NULL,
    agency VARCHAR(40) NOT NULL,
    action VARCHAR(60) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    detail TEXT,
    prev_hash VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL
);

CREATE TABLE audit_checkpoint (
    seq BIGINT PRIMARY KEY,
    at VARCHAR(32) NOT NULL,
    hash VARCHAR(64) NOT NULL,
    key_id VARCHAR(64) NOT NULL,
    signature TEXT NOT NULL
);
