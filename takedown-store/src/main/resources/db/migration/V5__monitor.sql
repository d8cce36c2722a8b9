-- The monitor: outlets it watches, the persistent crawl frontier, crawl cycles and every capture with its
-- evidence reference (WARC file, offset, record id). Portable SQL (see V1).

CREATE TABLE monitor_outlet (
    id ${id_column},
    name VARCHAR(200) NOT NULL UNIQUE,
    domains TEXT NOT NULL,
    seeds TEXT NOT NULL,
    agency VARCHAR(40),
    case_id BIGINT,
    created_at VARCHAR(32) NOT NULL
);

CREATE TABLE monitor_cycle (
    id ${id_column},
    started_at VARCHAR(32) NOT NULL,
    finished_at VARCHAR(32),
    fetched BIGINT NOT NULL,
    failed BIGINT NOT NULL,
    new_items BIGINT NOT NULL,
    revisits BIGINT NOT NULL,
    hits BIGINT NOT NULL
);

-- One row per URL an outlet's crawl knows. state: queued, done, failed. The cycle a row was last queued
-- for tells a resumed crawl what is still to do; last_* describe the newest capture, for revisit records.
CREATE TABLE monitor_frontier (
    id ${id_column},
    outlet_id BIGINT NOT NULL REFERENCES monitor_outlet (id),
    url_key VARCHAR(64) NOT NULL,
    url TEXT NOT NULL,
    host VARCHAR(255) NOT NULL,
    depth INTEGER NOT NULL,
    via VARCHAR(20) NOT NULL,
    state VARCHAR(10) NOT NULL,
    cycle BIGINT NOT NULL,
    attempts INTEGER NOT NULL,
    not_before VARCHAR(32),
    last_digest VARCHAR(80),
    last_record_id VARCHAR(80),
    last_date VARCHAR(32),
    last_error TEXT,
    UNIQUE (outlet_id, url_key)
);
CREATE INDEX monitor_frontier_state ON monitor_frontier (state, id);

CREATE TABLE monitor_capture (
    id ${id_column},
    outlet_id BIGINT NOT NULL REFERENCES monitor_outlet (id),
    cycle BIGINT NOT NULL,
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    host VARCHAR(255) NOT NULL,
    fetched_at VARCHAR(32) NOT NULL,
    status INTEGER NOT NULL,
    media_type VARCHAR(120),
    kind VARCHAR(20) NOT NULL,
    bytes BIGINT NOT NULL,
    payload_digest VARCHAR(80),
    warc_file VARCHAR(200) NOT NULL,
    warc_offset BIGINT NOT NULL,
    warc_length BIGINT NOT NULL,
    record_id VARCHAR(80) NOT NULL,
    signals TEXT,
    channel VARCHAR(20) NOT NULL,
    parent_id BIGINT,
    audit_seq BIGINT,
    case_id BIGINT,
    case_item_id BIGINT
);
CREATE INDEX monitor_capture_case ON monitor_capture (case_id);
CREATE INDEX monitor_capture_url ON monitor_capture (canonical_url);
CREATE INDEX monitor_capture_host ON monitor_capture (host, fetched_at);
CREATE INDEX monitor_capture_record ON monitor_capture (record_id);
