-- The audit trail as a transparency log (RFC 6962 Merkle tree): the hash of every complete subtree, and the
-- latest signed checkpoint (C2SP tlog-checkpoint as a signed note). Replaces the every-50th-entry
-- checkpoints of V2. Entries already in audit_log get their nodes when the log next opens. Portable SQL.

CREATE TABLE audit_node (
    lvl INTEGER NOT NULL,
    idx BIGINT NOT NULL,
    hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (lvl, idx)
);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    origin VARCHAR(200) NOT NULL,
    size BIGINT NOT NULL,
    root VARCHAR(64) NOT NULL,
    checkpoint TEXT NOT NULL
);

DROP TABLE audit_checkpoint;
