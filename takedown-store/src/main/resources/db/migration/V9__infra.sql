-- Infrastructure intelligence (takedown-infra): mirror proposals with their evidence and the analyst's
-- decision on each; removals watched for resurfacing, their signals, and the alerts raised when removed
-- content comes back. Portable SQL (see V1).

CREATE TABLE infra_mirror_proposal (
    id ${id_column},
    host VARCHAR(253) NOT NULL,
    outlet VARCHAR(100) NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    evidence TEXT NOT NULL,
    status VARCHAR(20) NOT NULL,
    proposed_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    decided_by VARCHAR(100),
    decided_at VARCHAR(32),
    decision_note TEXT,
    UNIQUE (host, outlet)
);
CREATE INDEX infra_mirror_proposal_status ON infra_mirror_proposal (status);

CREATE TABLE infra_removal (
    order_id BIGINT NOT NULL PRIMARY KEY,
    url TEXT NOT NULL,
    outlet VARCHAR(100) NOT NULL,
    provider VARCHAR(100) NOT NULL,
    removed_at VARCHAR(32) NOT NULL
);

CREATE TABLE infra_removal_signal (
    order_id BIGINT NOT NULL REFERENCES infra_removal (order_id),
    signal_type VARCHAR(40) NOT NULL,
    signal_value TEXT NOT NULL
);
CREATE INDEX infra_removal_signal_value ON infra_removal_signal (signal_type, signal_value);

CREATE TABLE infra_resurfacing_alert (
    id ${id_column},
    order_id BIGINT NOT NULL REFERENCES infra_removal (order_id),
    url TEXT NOT NULL,
    host VARCHAR(253) NOT NULL,
    address VARCHAR(64),
    outlet VARCHAR(100) NOT NULL,
    removed_from VARCHAR(100) NOT NULL,
    removed_at VARCHAR(32) NOT NULL,
    seen_at VARCHAR(32) NOT NULL,
    signal_type VARCHAR(40) NOT NULL,
    distance INTEGER NOT NULL
);
CREATE INDEX infra_resurfacing_alert_order ON infra_resurfacing_alert (order_id);
