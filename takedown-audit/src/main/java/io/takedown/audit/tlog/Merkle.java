package io.takedown.audit.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 §2.1 (RFC 9162 §2.1): leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖
 * left ‖ right), the empty tree hashes to SHA-256 of nothing, and a tree of n leaves splits at the largest
 * power of two below n. Proofs are generated as §2.1.1/§2.1.2 define them and verified with the algorithms
 * of RFC 9162 §2.1.3.2 and §2.1.4.2, so they interoperate with Certificate Transparency and Go's sumdb.
 */
public final class Merkle {

    public static final int HASH_SIZE = 32;

    private Merkle() {
    }

    /**
     * The hashes of the complete subtrees of one tree: {@code node(level, index)} covers leaves
     * {@code [index << level, (index + 1) << level)}. A store keeps them; proofs and roots are built from them.
     */
    @FunctionalInterface
    public interface Nodes {
        byte[] node(int level, long index);
    }

    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x00);
        return digest.digest(data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(left);
        return digest.digest(right);
    }

    /** The largest power of two strictly below {@code n} (n ≥ 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** Root of the tree over {@code leafHashes} (already leaf-hashed). */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        return hash(over(leafHashes), 0, leafHashes.size());
    }

    /** Root of the first {@code size} leaves of the tree {@code nodes} describes. */
    public static byte[] root(Nodes nodes, long size) {
        return size == 0 ? emptyRoot() : hash(nodes, 0, size);
    }

    /** MTH(D[start:end]) from complete-subtree hashes. */
    static byte[] hash(Nodes nodes, long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return nodes.node(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = split(n);
        return nodeHash(hash(nodes, start, start + k), hash(nodes, start + k, end));
    }

    /** Complete-subtree hashes computed from leaf hashes held in memory. */
    public static Nodes over(List<byte[]> leafHashes) {
        return new Nodes() {
            @Override
            public byte[] node(int level, long index) {
                if (level == 0) {
                    return leafHashes.get(Math.toIntExact(index));
                }
                return nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
            }
        };
    }

    /** The audit path of leaf {@code index} in the tree of {@code size} leaves (RFC 6962 §2.1.1), leaf side first. */
    public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(nodes, index, 0, size, proof);
        return proof;
    }

    private static void path(Nodes nodes, long m, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(nodes, m, start, start + k, out);
            out.add(hash(nodes, start + k, end));
        } else {
            path(nodes, m - k, start + k, end, out);
            out.add(hash(nodes, start, start + k));
        }
    }

    /** The consistency proof from size {@code first} to size {@code second} (RFC 6962 §2.1.2). */
    public static List<byte[]> consistencyProof(Nodes nodes, long first, long second) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        if (first > 0 && first < second) {
            subproof(nodes, first, 0, second, true, proof);
        }
        return proof;
    }

    private static void subproof(Nodes nodes, long m, long start, long end, boolean complete, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(hash(nodes, start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(nodes, m, start, start + k, complete, out);
            out.add(hash(nodes, start + k, end));
        } else {
            subproof(nodes, m - k, start + k, end, false, out);
            out.add(hash(nodes, start, start + k));
        }
    }

    /** RFC 9162 §2.1.3.2: does {@code proof} place {@code leafHash} at {@code index} under {@code root}? */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size || !wellFormed(proof) || leafHash.length != HASH_SIZE) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 §2.1.4.2: is the tree of {@code second} leaves an append-only extension of the one of {@code first}? */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (first < 0 || first > second || !wellFormed(proof)) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.addFirst(firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot) && sn == 0;
    }

    private static boolean wellFormed(List<byte[]> proof) {
        return proof.size() <= 64 && proof.stream().allMatch(h -> h != null && h.length == HASH_SIZE);
    }

    /** The indexes at which a leaf's appending completes subtrees: {@code (level, index)} pairs, lowest first. */
    public static List<long[]> completedBy(long leafIndex) {
        List<long[]> completed = new ArrayList<>();
        long index = leafIndex;
        int level = 0;
        while ((index & 1) == 1) {
            index >>= 1;
            level++;
            completed.add(new long[] {level, index});
        }
        return completed;
    }

    public static boolean equal(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
