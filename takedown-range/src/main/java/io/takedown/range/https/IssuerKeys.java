package io.takedown.range.https;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a provider's gateway knows of the issuing authorities: their published Ed25519 keys, and the check
 * every signed document goes through before the provider acts on it. A document is accepted only when it is
 * a compact JWS with {@code alg: EdDSA}, the expected {@code typ}, a {@code kid} that is one of the keys the
 * authority named as issuer in the payload has published, and a signature that verifies with that key. A
 * key published by another authority does not do: an authority cannot issue in another's name.
 *
 * <p>Keys are published as a JWK Set (RFC 7517) with a top-level {@code issuer} member naming the authority,
 * or found in a Takedown data directory's {@code keys/agency/CODE/} (read again when an unknown key shows up,
 * so a key created or rotated after the range started is found).
 */
public final class IssuerKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ED25519_X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
            0x21, 0x00};

    /** A document refused, with the HTTP status the gateway answers and why. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Map<String, Map<String, PublicKey>> published = new ConcurrentHashMap<>();
    private final List<Path> directories = new CopyOnWriteArrayList<>();

    /** Publishes one authority's key. */
    public void publish(String issuer, PublicKey key) {
        published.computeIfAbsent(issuer, i -> new ConcurrentHashMap<>()).put(keyIdOf(key), key);
    }

    /** Publishes the keys of a JWK Set whose top-level {@code issuer} member names the authority. */
    public void publish(String jwkSet) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwkSet);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK Set: " + e.getMessage(), e);
        }
        Object issuer = set.getAdditionalMembers().get("issuer");
        if (!(issuer instanceof String code) || code.isBlank()) {
            throw new IllegalArgumentException("a published JWK Set names its authority in \"issuer\"");
        }
        for (JWK jwk : set.getKeys()) {
            if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                PublicKey key = fromRaw(okp.getX().decode());
                if (jwk.getKeyID() != null && !jwk.getKeyID().equals(keyIdOf(key))) {
                    throw new IllegalArgumentException("kid " + jwk.getKeyID() + " is not the key's RFC 7638 thumbprint");
                }
                publish(code, key);
            }
        }
    }

    /** Also looks keys up in a Takedown data directory's {@code keys/agency/CODE/} (current and retired). */
    public void trustDirectory(Path dataDirectory) {
        directories.add(dataDirectory);
    }

    /**
     * The payload of {@code jws} when it passes the check, else {@link Refused}: 400 for something that is
     * not a well-formed document of the expected type, 403 for one not signed by its issuer's published key.
     */
    public JsonNode check(String jws, JOSEObjectType expected) throws Refused {
        JWSObject object;
        try {
            object = JWSObject.parse(jws);
        } catch (ParseException e) {
            throw new Refused(400, "not a compact JWS: " + e.getMessage());
        }
        if (!JWSAlgorithm.EdDSA.equals(object.getHeader().getAlgorithm())) {
            throw new Refused(400, "alg must be EdDSA, got " + object.getHeader().getAlgorithm());
        }
        if (!expected.equals(object.getHeader().getType())) {
            throw new Refused(400, "typ must be " + expected + ", got " + object.getHeader().getType());
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(object.getPayload().toString());
        } catch (IOException e) {
            throw new Refused(400, "payload is not JSON");
        }
        String issuer = payload.path("issuing_authority").path("code").asText("");
        String kid = object.getHeader().getKeyID();
        if (issuer.isEmpty() || kid == null) {
            throw new Refused(400, "the document names no issuing authority or no kid");
        }
        PublicKey key = key(issuer, kid).orElseThrow(() -> new Refused(403, "kid " + kid
                + " is not a published key of the issuing authority " + issuer));
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(object.getSigningInput());
            if (!verifier.verify(object.getSignature().decode())) {
                throw new Refused(403, "signature does not verify with the published key " + kid + " of " + issuer);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused(403, "signature does not verify with the published key " + kid + " of " + issuer);
        }
        return payload;
    }

    private Optional<PublicKey> key(String issuer, String kid) {
        PublicKey known = published.getOrDefault(issuer, Map.of()).get(kid);
        if (known != null) {
            return Optional.of(known);
        }
        if (!issuer.matches("[A-Z0-9][A-Z0-9_-]{1,39}")) {
            return Optional.empty();
        }
        for (Path directory : directories) {
            Path agency = directory.resolve("keys").resolve("agency").resolve(issuer);
            List<Path> files = new ArrayList<>();
            files.add(agency.resolve("signing-ed25519.pub"));
            if (Files.isDirectory(agency.resolve("retired"))) {
                try (DirectoryStream<Path> retired = Files.newDirectoryStream(agency.resolve("retired"), "*.pub")) {
                    retired.forEach(files::add);
                } catch (IOException e) {
                    // An unreadable folder publishes nothing.
                }
            }
            for (Path file : files) {
                try {
                    if (Files.exists(file)) {
                        publish(issuer, KeyFactory.getInstance("Ed25519").generatePublic(
                                new X509EncodedKeySpec(Files.readAllBytes(file))));
                    }
                } catch (IOException | GeneralSecurityException e) {
                    // Not a key: nothing published by this file.
                }
            }
        }
        return Optional.ofNullable(published.getOrDefault(issuer, Map.of()).get(kid));
    }

    /** RFC 7638 thumbprint of an Ed25519 key, the kid Takedown signs with. */
    static String keyIdOf(PublicKey key) {
        byte[] encoded = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + b64.encodeToString(raw) + "\"}";
        try {
            return b64.encodeToString(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey fromRaw(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(ED25519_X509_PREFIX, ED25519_X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, ED25519_X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key: " + e.getMessage(), e);
        }
    }
}
