package io.takedown.orders;

import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import io.takedown.audit.Signer;
import io.takedown.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Signed documents a provider or an authority acts on, as compact JWS (RFC 7515) built and parsed with
 * Nimbus JOSE+JWT over the JDK's Ed25519.
 *
 * <p>Headers: {@code alg: EdDSA}; {@code kid} the RFC 7638 thumbprint of the issuer's Ed25519 key
 * ({@link Signer#keyId()}); {@code typ} a media type naming what the payload is. The payload is not a
 * JWT (no registered claims, not a bearer token), so {@code typ: JWT} would invite a JWT library to
 * accept an order as a login token and vice versa; explicit types per document also stop a procedures
 * notice from being replayed as an order (RFC 8725 §3.11). Following RFC 7515 §4.1.9 the
 * {@code application/} prefix is left out.
 */
public final class OrderJws {

    /** Annex I removal order. */
    public static final JOSEObjectType ORDER = new JOSEObjectType("tco-order+jws");
    /** Art. 3(2) information on procedures and deadlines, before a provider's first order. */
    public static final JOSEObjectType PROCEDURES = new JOSEObjectType("tco-procedures+jws");

    private OrderJws() {
    }

    /** Signs {@code payloadJson} as a compact JWS of {@code type} with the signer's key. */
    public static String sign(Signer signer, JOSEObjectType type, String payloadJson) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(signer.keyId()).type(type).build();
        JWSObject object = new JWSObject(header, new Payload(payloadJson));
        try {
            object.sign(new Ed25519JdkSigner(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
        return object.serialize();
    }

    /**
     * The payload of {@code jws} when its header says EdDSA, the expected type and a key id that
     * {@code keys} knows, and the signature verifies with that key; otherwise INVALID_INPUT saying why.
     */
    public static String verify(String jws, JOSEObjectType expected, Function<String, Optional<PublicKey>> keys) {
        JWSObject object;
        try {
            object = JWSObject.parse(jws);
        } catch (ParseException e) {
            throw invalid("not a compact JWS: " + e.getMessage());
        }
        JWSHeader header = object.getHeader();
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw invalid("alg must be EdDSA, got " + header.getAlgorithm());
        }
        if (!expected.equals(header.getType())) {
            throw invalid("typ must be " + expected + ", got " + header.getType());
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw invalid("critical header parameters are not understood: " + header.getCriticalParams());
        }
        String kid = header.getKeyID();
        if (kid == null) {
            throw invalid("kid is missing");
        }
        PublicKey key = keys.apply(kid).orElseThrow(() -> invalid("unknown signing key " + kid));
        try {
            if (!object.verify(new Ed25519JdkVerifier(key))) {
                throw invalid("signature does not verify with key " + kid);
            }
        } catch (JOSEException e) {
            throw invalid("signature check failed: " + e.getMessage());
        }
        return object.getPayload().toString();
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(null, "signed document refused: " + message);
    }

    /** Nimbus's own Ed25519 signer needs Tink; the JDK has had Ed25519 since 15. */
    private record Ed25519JdkSigner(Signer signer) implements JWSSigner {
        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) {
            return new Base64URL(signer.sign(signingInput));
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }

    private record Ed25519JdkVerifier(PublicKey key) implements JWSVerifier {
        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }

    /** The payload of a compact JWS without checking it, for display of what was sent. */
    static String unverifiedPayload(String jws) {
        String[] parts = jws.split("\\.");
        return parts.length == 3 ? new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8) : "";
    }
}
