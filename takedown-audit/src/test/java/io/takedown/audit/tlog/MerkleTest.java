package io.takedown.audit.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The tree and its proofs against published data: RFC 6962's eight test leaves with the node and root hashes
 * the Certificate Transparency implementations check (expected values copied as data), a real CT log's
 * inclusion and consistency proofs (Argon 2020, as Go's sumdb/tlog tests keep them), and Go's record hash.
 */
class MerkleTest {

    private static final HexFormat HEX = HexFormat.of();

    static final List<byte[]> LEAVES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"),
            hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));

    /** Complete-subtree hashes of the tree over {@link #LEAVES}, by level then index. */
    static final String[][] NODES = {
        {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"},
        {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"},
        {"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"},
        {"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"}};

    /** Roots of the trees over the first 0..8 leaves. */
    static final String[] ROOTS = {
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    static byte[] node(int level, int index) {
        return hex(NODES[level][index]);
    }

    private static List<byte[]> leafHashes(int n) {
        return LEAVES.subList(0, n).stream().map(Merkle::leafHash).toList();
    }

    @Test
    void rootsAndNodes_matchRfc6962TestData() {
        for (int level = 0; level < NODES.length; level++) {
            Merkle.Nodes nodes = Merkle.over(leafHashes(8));
            for (int index = 0; index < NODES[level].length; index++) {
                assertThat(HEX.formatHex(nodes.node(level, index))).isEqualTo(NODES[level][index]);
            }
        }
        for (int size = 0; size <= 8; size++) {
            assertThat(HEX.formatHex(Merkle.root(leafHashes(size)))).as("root of %d", size).isEqualTo(ROOTS[size]);
            assertThat(HEX.formatHex(Merkle.root(Merkle.over(leafHashes(8)), size))).isEqualTo(ROOTS[size]);
        }
    }

    @Test
    void inclusionProofs_areTheRfcAuditPaths() {
        Merkle.Nodes nodes = Merkle.over(leafHashes(8));
        // Leaf 0 of 8: its sibling, then the sibling pair, then the right half.
        assertThat(Merkle.inclusionProof(nodes, 0, 8)).containsExactly(node(0, 1), node(1, 1), node(2, 1));
        // Leaf 5 of 8: sibling 4, pair (6,7), left half.
        assertThat(Merkle.inclusionProof(nodes, 5, 8)).containsExactly(node(0, 4), node(1, 3), node(2, 0));
        // Leaf 6 of 7: the right edge is promoted, so only the (4,5) pair and the left half.
        assertThat(Merkle.inclusionProof(nodes, 6, 7)).containsExactly(node(1, 2), node(2, 0));
        assertThat(Merkle.inclusionProof(nodes, 0, 1)).isEmpty();
        for (int size = 1; size <= 8; size++) {
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = Merkle.inclusionProof(nodes, index, size);
                assertThat(Merkle.verifyInclusion(index, size, Merkle.leafHash(LEAVES.get(index)), proof, hex(ROOTS[size])))
                        .as("leaf %d of %d", index, size).isTrue();
                assertThat(Merkle.verifyInclusion(index, size, Merkle.leafHash(hex("ff")), proof, hex(ROOTS[size])))
                        .isFalse();
            }
        }
    }

    @Test
    void consistencyProofs_areTheRfcSubproofs() {
        Merkle.Nodes nodes = Merkle.over(leafHashes(8));
        assertThat(Merkle.consistencyProof(nodes, 1, 1)).isEmpty();
        assertThat(Merkle.consistencyProof(nodes, 1, 8)).containsExactly(node(0, 1), node(1, 1), node(2, 1));
        assertThat(Merkle.consistencyProof(nodes, 6, 8)).containsExactly(node(1, 2), node(1, 3), node(2, 0));
        assertThat(Merkle.consistencyProof(nodes, 2, 5)).containsExactly(node(1, 1), node(0, 4));
        for (int first = 0; first <= 8; first++) {
            for (int second = first; second <= 8; second++) {
                List<byte[]> proof = Merkle.consistencyProof(nodes, first, second);
                assertThat(Merkle.verifyConsistency(first, second, hex(ROOTS[first]), hex(ROOTS[second]), proof))
                        .as("%d -> %d", first, second).isTrue();
                if (first > 0 && first < second) {
                    assertThat(Merkle.verifyConsistency(first, second, hex(ROOTS[first == 1 ? 2 : 1]), hex(ROOTS[second]),
                            proof)).isFalse();
                }
            }
        }
    }

    @Test
    void recordHash_matchesGoSumdb() {
        // Go's tlog.RecordHash("hello world"), as its FormatTree test prints it.
        assertThat(Base64.getEncoder().encodeToString(Merkle.leafHash("hello world".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=");
    }

    @Test
    void realCertificateTransparencyProofs_verify() throws IOException {
        String sth = resource("argon2020/sth.json");
        long size = Long.parseLong(field(sth, "tree_size"));
        byte[] root = Base64.getDecoder().decode(field(sth, "sha256_root_hash"));
        byte[] entry = Base64.getDecoder().decode(resource("argon2020/entry-10000.b64").strip());
        List<byte[]> path = hashes(resource("argon2020/proof.json"));
        assertThat(Merkle.verifyInclusion(10000, size, Merkle.leafHash(entry), path, root)).isTrue();
        assertThat(Merkle.verifyInclusion(10001, size, Merkle.leafHash(entry), path, root)).isFalse();

        List<byte[]> consistency = hashes(resource("argon2020/consistency.json"));
        byte[] oldRoot = Base64.getDecoder().decode("AuIZ5V6sDUj1vn3Y1K85oOaQ7y+FJJKtyRTl1edIKBQ=");
        assertThat(Merkle.verifyConsistency(3654490, size, oldRoot, root, consistency)).isTrue();
        assertThat(Merkle.verifyConsistency(3654491, size, oldRoot, root, consistency)).isFalse();
    }

    @Property(tries = 200)
    void everyProofOfEveryTree_verifies(@ForAll @IntRange(min = 1, max = 70) int size,
                                        @ForAll @IntRange(min = 0, max = 69) int a, @ForAll @IntRange(min = 0, max = 70) int b) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(Merkle.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        Merkle.Nodes nodes = Merkle.over(leaves);
        byte[] root = Merkle.root(leaves);
        int index = a % size;
        assertThat(Merkle.verifyInclusion(index, size, leaves.get(index), Merkle.inclusionProof(nodes, index, size), root))
                .isTrue();
        int first = b % (size + 1);
        byte[] firstRoot = Merkle.root(leaves.subList(0, first));
        assertThat(Merkle.verifyConsistency(first, size, firstRoot, root, Merkle.consistencyProof(nodes, first, size)))
                .isTrue();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MerkleTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static List<byte[]> hashes(String json) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([A-Za-z0-9+/]{43}=)\"").matcher(json);
        while (m.find()) {
            out.add(Base64.getDecoder().decode(m.group(1)));
        }
        return out;
    }
}
