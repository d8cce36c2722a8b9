package io.takedown.monitor.packages;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Chrome's CRX3 container: {@code Cr24}, version 3, a protobuf {@code CrxFileHeader} (key proofs and the
 * signed header data naming the CRX id), then the zip. Parsed from the published format; each key proof's
 * signature is checked over {@code "CRX3 SignedData\0" || len || signed_header_data || zip}.
 *
 * @param crxId the 16-byte id from the signed header data, when present
 * @param extensionId the id Chrome shows (crx id in hex, digits mapped to a-p)
 * @param proofs RSA and ECDSA key proofs with whether each verified
 * @param zip the archive after the header
 */
public record Crx3(Optional<byte[]> crxId, Optional<String> extensionId, List<Proof> proofs, byte[] zip) {

    /** A key proof: algorithm, public key (SubjectPublicKeyInfo), and whether its signature verified. */
    public record Proof(String algorithm, byte[] publicKey, boolean verified, boolean idMatchesKey) {
    }

    private static final byte[] MAGIC = "Cr24".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 1 << 20;

    public static boolean looksLikeCrx(byte[] bytes) {
        return bytes.length >= 4 && Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC);
    }

    /** Parses the container; throws {@link IllegalArgumentException} naming what is wrong. */
    public static Crx3 parse(byte[] bytes) {
        if (!looksLikeCrx(bytes) || bytes.length < 12) {
            throw new IllegalArgumentException("not a CRX file (no Cr24 magic)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(4);
        int version = buffer.getInt();
        if (version == 2) {
            throw new IllegalArgumentException("CRX version 2 (deprecated) is not read; only CRX3");
        }
        if (version != 3) {
            throw new IllegalArgumentException("unknown CRX version " + version);
        }
        long headerSize = Integer.toUnsignedLong(buffer.getInt());
        if (headerSize > MAX_HEADER || 12 + headerSize > bytes.length) {
            throw new IllegalArgumentException("CRX header of " + headerSize + " bytes does not fit the file");
        }
        byte[] header = Arrays.copyOfRange(bytes, 12, 12 + (int) headerSize);
        byte[] zip = Arrays.copyOfRange(bytes, 12 + (int) headerSize, bytes.length);
        List<byte[][]> rsa = new ArrayList<>();
        List<byte[][]> ecdsa = new ArrayList<>();
        byte[] signedHeader = null;
        Protobuf reader = new Protobuf(header);
        while (reader.more()) {
            long key = reader.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire != 2) {
                reader.skip(wire);
                continue;
            }
            byte[] value = reader.bytes();
            switch (field) {
                case 2 -> rsa.add(proof(value));
                case 3 -> ecdsa.add(proof(value));
                case 10000 -> signedHeader = value;
                default -> {
                    // unknown fields are allowed by the format
                }
            }
        }
        Optional<byte[]> crxId = Optional.empty();
        if (signedHeader != null) {
            Protobuf signed = new Protobuf(signedHeader);
            while (signed.more()) {
                long key = signed.varint();
                if ((key >>> 3) == 1 && (key & 7) == 2) {
                    crxId = Optional.of(signed.bytes());
                } else {
                    signed.skip((int) (key & 7));
                }
            }
        }
        byte[] signedData = signedData(signedHeader == null ? new byte[0] : signedHeader, zip);
        List<Proof> proofs = new ArrayList<>();
        for (byte[][] p : rsa) {
            proofs.add(check("SHA256withRSA", "RSA", p, signedData, crxId));
        }
        for (byte[][] p : ecdsa) {
            proofs.add(check("SHA256withECDSA", "EC", p, signedData, crxId));
        }
        return new Crx3(crxId, crxId.map(Crx3::extensionId), List.copyOf(proofs), zip);
    }

    /** What the proofs sign. */
    public static byte[] signedData(byte[] signedHeader, byte[] zip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("CRX3 SignedData\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(signedHeader.length).array());
        out.writeBytes(signedHeader);
        out.writeBytes(zip);
        return out.toByteArray();
    }

    /** Chrome's id: the hex of the CRX id with 0-9a-f written as a-p. */
    public static String extensionId(byte[] crxId) {
        StringBuilder id = new StringBuilder();
        for (byte b : crxId) {
            id.append((char) ('a' + ((b >> 4) & 15))).append((char) ('a' + (b & 15)));
        }
        return id.toString();
    }

    private static byte[][] proof(byte[] value) {
        byte[] publicKey = new byte[0];
        byte[] signature = new byte[0];
        Protobuf proof = new Protobuf(value);
        while (proof.more()) {
            long key = proof.varint();
            int wire = (int) (key & 7);
            if (wire != 2) {
                proof.skip(wire);
                continue;
            }
            byte[] v = proof.bytes();
            if ((key >>> 3) == 1) {
                publicKey = v;
            } else if ((key >>> 3) == 2) {
                signature = v;
            }
        }
        return new byte[][] {publicKey, signature};
    }

    private static Proof check(String algorithm, String keyType, byte[][] proof, byte[] signedData, Optional<byte[]> crxId) {
        boolean verified;
        try {
            PublicKey key = KeyFactory.getInstance(keyType).generatePublic(new X509EncodedKeySpec(proof[0]));
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update(signedData);
            verified = signature.verify(proof[1]);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            verified = false;
        }
        boolean idMatches = false;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(proof[0]);
            idMatches = crxId.map(id -> Arrays.equals(id, Arrays.copyOf(digest, 16))).orElse(false);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Proof(algorithm, proof[0], verified, idMatches);
    }

    /** The few protobuf wire rules a CRX header needs, bounded by the buffer. */
    private static final class Protobuf {
        private final byte[] data;
        private int at;

        Protobuf(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return at < data.length;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= data.length) {
                    throw new IllegalArgumentException("CRX header ends inside a number");
                }
                byte b = data[at++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("CRX header has an over-long number");
        }

        byte[] bytes() {
            long length = varint();
            if (length < 0 || length > data.length - at) {
                throw new IllegalArgumentException("CRX header field of " + length + " bytes runs past the header");
            }
            byte[] out = Arrays.copyOfRange(data, at, at + (int) length);
            at += (int) length;
            return out;
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> bytes();
                case 5 -> advance(4);
                default -> throw new IllegalArgumentException("CRX header uses unknown wire type " + wire);
            }
        }

        private void advance(int n) {
            if (n > data.length - at) {
                throw new IllegalArgumentException("CRX header ends inside a field");
            }
            at += n;
        }
    }
}
