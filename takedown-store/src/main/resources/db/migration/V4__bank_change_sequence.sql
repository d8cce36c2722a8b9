-- Bank changes in commit order, so that index snapshots can say which store version they reflect and catch
-- up from there (takedown-banks owns these tables). Portable SQL (see V1).

-- The counter every bank-changing transaction increments first and holds until it commits: numbers are
-- handed out one transaction at a time, so when number N is visible every number below it is too.
CREATE TABLE bank_sequence (
    id INTEGER PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO bank_sequence (id, value) VALUES (1, 0);

-- One row per bank-changing transaction. The random token tells a snapshot whether this database still has
-- the history it was built from (another database, or a restored backup that went its own way, has not).
CREATE TABLE bank_change (
    seq BIGINT PRIMARY KEY,
    token VARCHAR(40) NOT NULL,
    bank_id BIGINT,
    kind VARCHAR(40) NOT NULL,
    entries INTEGER NOT NULL,
    actor VARCHAR(200) NOT NULL,
    at VARCHAR(32) NOT NULL
);

-- The sequence number of the last change to each entry (added, removed, quarantined, released, relabelled):
-- catching up from version V reads the entries with changed_seq > V and applies their current state.
ALTER TABLE bank_entry ADD COLUMN changed_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX bank_entry_changed ON bank_entry (changed_seq);

-- Bank-side variants: an entry holding the signal of a transformed copy (e.g. the PDQ of the image rotated by
-- 90 degrees) names the transform and, when known, the entry of the original.
ALTER TABLE bank_entry ADD COLUMN variant VARCHAR(40);
ALTER TABLE bank_entry ADD COLUMN variant_of BIGINT REFERENCES bank_entry (id);

-- The history shows the change number of each event.
ALTER TABLE bank_event ADD COLUMN seq BIGINT;

-- Lookups go by bank (the unique live-value index) or by index snapshot; this second copy of every value only
-- slowed imports down.
DROP INDEX bank_entry_value;
