-- Hash banks: named collections of signals with labels, provenance and a history that is never deleted.
-- Portable SQL for SQLite and PostgreSQL; ${id_column} differs per dialect. Times are UTC text
-- (io.takedown.store.Timestamps), booleans are 0/1 integers.

CREATE TABLE bank (
    id ${id_column},
    name VARCHAR(200) NOT NULL UNIQUE,
    description TEXT,
    negative INTEGER NOT NULL DEFAULT 0,
    pdq_distance INTEGER,
    text_distance INTEGER,
    version INTEGER NOT NULL DEFAULT 0,
    created_at VARCHAR(32) NOT NULL,
    created_by VARCHAR(200) NOT NULL
);

CREATE TABLE bank_entry (
    id ${id_column},
    bank_id BIGINT NOT NULL REFERENCES bank (id),
    signal_type VARCHAR(32) NOT NULL,
    signal_value TEXT NOT NULL,
    quality INTEGER,
    source_ref TEXT,
    source_bank VARCHAR(200),
    added_by VARCHAR(200) NOT NULL,
    added_at VARCHAR(32) NOT NULL,
    confidence REAL,
    expires_at VARCHAR(32),
    removed_at VARCHAR(32),
    removed_by VARCHAR(200),
    removed_reason TEXT,
    quarantined_at VARCHAR(32),
    quarantine_reason TEXT
);

-- One live entry per value in a bank; removed entries stay as history.
CREATE UNIQUE INDEX bank_entry_live ON bank_entry (bank_id, signal_type, signal_value) WHERE removed_at IS NULL;
CREATE INDEX bank_entry_value ON bank_entry (signal_type, signal_value);
CREATE INDEX bank_entry_bank ON bank_entry (bank_id);

CREATE TABLE bank_entry_label (
    entry_id BIGINT NOT NULL REFERENCES bank_entry (id),
    label VARCHAR(100) NOT NULL,
    PRIMARY KEY (entry_id, label)
);

CREATE TABLE bank_event (
    id ${id_column},
    bank_id BIGINT NOT NULL REFERENCES bank (id),
    entry_id BIGINT REFERENCES bank_entry (id),
    kind VARCHAR(40) NOT NULL,
    detail TEXT,
    actor VARCHAR(200) NOT NULL,
    at VARCHAR(32) NOT NULL
);
CREATE INDEX bank_event_bank ON bank_event (bank_id, id);

-- Flood guard memory: how often an entry matched per hour, smoothed.
CREATE TABLE match_stat (
    entry_id BIGINT PRIMARY KEY REFERENCES bank_entry (id),
    hour VARCHAR(13) NOT NULL,
    hour_count INTEGER NOT NULL,
    baseline REAL NOT NULL,
    total BIGINT NOT NULL
);
