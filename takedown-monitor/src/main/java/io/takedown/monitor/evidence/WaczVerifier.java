package io.takedown.monitor.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.core.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks a WACZ package: every file listed in {@code datapackage.json} against its size and SHA-256, no
 * file unlisted, {@code datapackage.json} against the digest file, and the digest's ECDSA signature
 * (optionally also that it was made with an expected public key). Names each file that fails.
 */
public final class WaczVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One failing file and why. */
    public record Problem(String file, String reason) {
    }

    /**
     * @param signedBy the signing key (base64 SubjectPublicKeyInfo) when the signature verified
     * @param packageHash the datapackage.json digest the signature covers
     */
    public record Report(Path wacz, List<Problem> problems, Optional<String> signedBy, Optional<String> packageHash,
                         int files) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Report verify(Path wacz, Optional<String> expectedKey) {
        List<Problem> problems = new ArrayList<>();
        Optional<String> signer = Optional.empty();
        Optional<String> hash = Optional.empty();
        int files = 0;
        try (ZipFile zip = new ZipFile(wacz.toFile())) {
            Set<String> names = new LinkedHashSet<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    names.add(entry.getName());
                }
            }
            ZipEntry datapackageEntry = zip.getEntry("datapackage.json");
            if (datapackageEntry == null) {
                problems.add(new Problem("datapackage.json", "missing"));
                return new Report(wacz, problems, signer, hash, 0);
            }
            byte[] datapackageBytes = read(zip, datapackageEntry);
            String actual = "sha256:" + Hex.encode(WarcArchive.sha256(datapackageBytes));
            JsonNode datapackage = JSON.readTree(datapackageBytes);
            for (JsonNode resource : datapackage.path("resources")) {
                String path = resource.path("path").asText();
                files++;
                names.remove(path);
                ZipEntry entry = zip.getEntry(path);
                if (entry == null) {
                    problems.add(new Problem(path, "listed in datapackage.json but missing"));
                    continue;
                }
                byte[] content = read(zip, entry);
                String digest = "sha256:" + Hex.encode(WarcArchive.sha256(content));
                if (!digest.equals(resource.path("hash").asText())) {
                    problems.add(new Problem(path, "SHA-256 is " + digest + ", datapackage.json says "
                            + resource.path("hash").asText()));
                } else if (resource.has("bytes") && resource.path("bytes").asLong() != content.length) {
                    problems.add(new Problem(path, "size is " + content.length + " bytes, datapackage.json says "
                            + resource.path("bytes").asLong()));
                }
            }
            names.remove("datapackage.json");
            names.remove("datapackage-digest.json");
            for (String unlisted : names) {
                problems.add(new Problem(unlisted, "not listed in datapackage.json"));
            }
            ZipEntry digestEntry = zip.getEntry("datapackage-digest.json");
            if (digestEntry == null) {
                problems.add(new Problem("datapackage-digest.json", "missing: the package is not signed"));
                return new Report(wacz, problems, signer, hash, files);
            }
            JsonNode digest = JSON.readTree(read(zip, digestEntry));
            String listed = digest.path("hash").asText();
            hash = Optional.of(listed);
            if (!listed.equals(actual)) {
                problems.add(new Problem("datapackage.json", "SHA-256 is " + actual
                        + ", datapackage-digest.json says " + listed));
            }
            JsonNode signed = digest.path("signedData");
            String signedHash = signed.path("hash").asText();
            String publicKey = signed.path("publicKey").asText();
            String signature = signed.path("signature").asText();
            if (!signedHash.equals(listed)) {
                problems.add(new Problem("datapackage-digest.json", "signedData.hash differs from hash"));
            } else if (publicKey.isEmpty() || signature.isEmpty()) {
                problems.add(new Problem("datapackage-digest.json", "no anonymous ECDSA signature (publicKey, signature)"));
            } else if (!EvidenceKey.verify(publicKey, signedHash, signature)) {
                problems.add(new Problem("datapackage-digest.json", "signature does not verify with its publicKey"));
            } else if (expectedKey.isPresent() && !expectedKey.get().strip().equals(publicKey)) {
                problems.add(new Problem("datapackage-digest.json", "signed with another key than the one expected"));
            } else {
                signer = Optional.of(publicKey);
            }
        } catch (ZipException e) {
            problems.add(new Problem(wacz.getFileName().toString(), "not a readable ZIP: " + e.getMessage()));
        } catch (IOException e) {
            problems.add(new Problem(wacz.getFileName().toString(), "cannot read: " + e.getMessage()));
        }
        return new Report(wacz, problems, signer, hash, files);
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        if (entry.getSize() > Integer.MAX_VALUE - 16) {
            throw new IOException(entry.getName() + " is too large to verify in memory");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

}
