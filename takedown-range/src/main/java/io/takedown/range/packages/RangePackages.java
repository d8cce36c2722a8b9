package io.takedown.range.packages;

import io.takedown.range.Article;
import io.takedown.range.Outlet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Extension and app packages real enough for the parsers the field uses: a CRX3 container with a signed
 * protobuf header (ECDSA P-256, the key and its signature derived from the outlet, so the same world gives
 * the same bytes), and an APK whose {@code AndroidManifest.xml} is Android binary XML. Contents: manifest,
 * update URL, endpoints the app calls, the outlet's logo.
 */
public final class RangePackages {

    /** 2026-01-01T00:00:00Z: every archive entry's time, for byte-identical archives. */
    private static final long FIXED_TIME = 1_767_225_600_000L;

    private RangePackages() {
    }

    /** Chrome's CRX3: {@code Cr24}, 3, header length, CrxFileHeader (ECDSA proof, signed header data), zip. */
    public static byte[] crx3(Outlet outlet, byte[] zip) {
        try {
            SecureRandom random = seeded("crx-key/" + outlet.id());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            byte[] publicKey = pair.getPublic().getEncoded();
            byte[] crxId = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(publicKey), 16);
            byte[] signedHeader = field(1, crxId);
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(pair.getPrivate(), seeded("crx-sign/" + outlet.id()));
            signature.update("CRX3 SignedData\0".getBytes(StandardCharsets.US_ASCII));
            signature.update(le(signedHeader.length));
            signature.update(signedHeader);
            signature.update(zip);
            byte[] proof = concat(field(1, publicKey), field(2, signature.sign()));
            byte[] header = concat(field(3, proof), field(10000, signedHeader));
            return concat("Cr24".getBytes(StandardCharsets.US_ASCII), le(3), le(header.length), header, zip);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the range's CRX", e);
        }
    }

    /** An Android app: binary manifest (package, version, label, permissions), endpoints, logo. */
    public static byte[] apk(Outlet outlet, byte[] logoPng, List<Article> latest, String mark) {
        BinaryXml.Element manifest = new BinaryXml.Element("manifest", List.of(
                new BinaryXml.Attribute(true, "versionCode", 3),
                new BinaryXml.Attribute(true, "versionName", "1.0." + latest.size()),
                new BinaryXml.Attribute(false, "package", "test.range." + outlet.id())),
                List.of(new BinaryXml.Element("uses-sdk", List.of(new BinaryXml.Attribute(true, "minSdkVersion", 24)),
                                List.of()),
                        permission("android.permission.INTERNET"),
                        permission("android.permission.RECEIVE_BOOT_COMPLETED"),
                        new BinaryXml.Element("application", List.of(
                                new BinaryXml.Attribute(true, "label", outlet.name()),
                                new BinaryXml.Attribute(true, "icon", "assets/logo.png")),
                                List.of(new BinaryXml.Element("meta-data", List.of(
                                        new BinaryXml.Attribute(true, "name", "update_url"),
                                        new BinaryXml.Attribute(false, "value", "http://" + outlet.primaryDomain()
                                                + "/downloads/app-update.json")), List.of())))));
        StringBuilder endpoints = new StringBuilder(mark).append('\n')
                .append("http://").append(outlet.primaryDomain()).append("/feed.xml\n");
        latest.forEach(article -> endpoints.append(article.url()).append('\n'));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "AndroidManifest.xml", BinaryXml.encode(manifest));
            put(zip, "res/raw/endpoints.txt", endpoints.toString().getBytes(StandardCharsets.UTF_8));
            put(zip, "assets/logo.png", logoPng);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static BinaryXml.Element permission(String name) {
        return new BinaryXml.Element("uses-permission", List.of(new BinaryXml.Attribute(true, "name", name)), List.of());
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** A random stream fixed by a name: SHA1PRNG seeded before first use is deterministic. */
    private static SecureRandom seeded(String name) throws GeneralSecurityException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(name.getBytes(StandardCharsets.UTF_8));
        return random;
    }

    /** A length-delimited protobuf field. */
    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, ((long) number << 3) | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
