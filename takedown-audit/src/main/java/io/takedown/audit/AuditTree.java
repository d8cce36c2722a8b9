package io.takedown.audit;

import io.takedown.audit.tlog.Merkle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Merkle tree of the audit log as the database keeps it: one row per complete subtree in
 * {@code audit_node}, written in the same transaction as the entry whose leaf completes it. Reads are
 * cached for the life of this object (one transaction).
 */
final class AuditTree implements Merkle.Nodes {

    private static final HexFormat HEX = HexFormat.of();

    private final Connection connection;
    private final Map<Long, byte[]> cache = new HashMap<>();

    AuditTree(Connection connection) {
        this.connection = connection;
    }

    private static long key(int level, long index) {
        return ((long) level << 58) | index;
    }

    @Override
    public byte[] node(int level, long index) {
        byte[] cached = cache.get(key(level, index));
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT hash FROM audit_node WHERE lvl = ? AND idx = ?")) {
            query.setInt(1, level);
            query.setLong(2, index);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("the audit tree has no node " + level + "/" + index);
                }
                byte[] hash = HEX.parseHex(rows.getString(1));
                cache.put(key(level, index), hash);
                return hash;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit tree: " + e.getMessage(), e);
        }
    }

    byte[] root(long size) {
        return Merkle.root(this, size);
    }

    /** Number of leaves the tree holds. */
    long size() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(idx) FROM audit_node WHERE lvl = 0");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            long max = rows.getLong(1);
            return rows.wasNull() ? 0 : max + 1;
        }
    }

    /** Adds leaf {@code index} and every subtree it completes. */
    void addLeaf(long index, byte[] leaf) throws SQLException {
        insert(0, index, leaf);
        byte[] right = leaf;
        long at = index;
        int level = 0;
        while ((at & 1) == 1) {
            byte[] parent = Merkle.nodeHash(node(level, at - 1), right);
            at >>= 1;
            level++;
            insert(level, at, parent);
            right = parent;
        }
    }

    private void insert(int level, long index, byte[] hash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_node (lvl, idx, hash) VALUES (?, ?, ?)")) {
            insert.setInt(1, level);
            insert.setLong(2, index);
            insert.setString(3, HEX.formatHex(hash));
            insert.executeUpdate();
        }
        cache.put(key(level, index), hash);
    }

    /**
     * Gives entries written before the log was a tree (V2 databases) their leaves, up to {@code entries}.
     * A no-op once the tree has caught up, which is always after the first append.
     */
    void catchUp(long entries) throws SQLException {
        long leaves = size();
        if (leaves >= entries) {
            return;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT seq, at, actor, agency, action, subject, detail "
                + "FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            query.setLong(1, leaves);
            query.setLong(2, entries);
            try (ResultSet rows = query.executeQuery()) {
                long expected = leaves + 1;
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    if (seq != expected) {
                        throw new IllegalStateException("audit entry " + expected + " is missing; run takedown audit verify");
                    }
                    addLeaf(seq - 1, Merkle.leafHash(AuditEntry.leafData(seq, rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7))));
                    expected++;
                }
            }
        }
    }

    /** Leaf hashes {@code [from, to)}. */
    List<byte[]> leaves(long from, long to) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT idx, hash FROM audit_node WHERE lvl = 0 AND idx >= ? AND idx < ? ORDER BY idx")) {
            query.setLong(1, from);
            query.setLong(2, to);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(HEX.parseHex(rows.getString(2)));
                }
            }
        }
        return out;
    }
}
