package io.takedown.cases;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.takedown.audit.Signer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An authority's public signing keys as it publishes them, so that providers can check its orders: a JWK Set
 * (RFC 7517) of Ed25519 keys (RFC 8037), each with its RFC 7638 thumbprint as {@code kid}, {@code use: sig} and
 * {@code alg: EdDSA}, and a top-level {@code issuer} member naming the agency. Current key first, then keys
 * rotated out (old orders still verify).
 */
public final class PublishedKeys {

    private PublishedKeys() {
    }

    public static String jwks(String agency, List<PublicKey> keys) {
        List<JWK> jwks = new ArrayList<>();
        for (PublicKey key : keys) {
            byte[] encoded = key.getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            jwks.add(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyID(Signer.keyIdOf(key))
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build());
        }
        Map<String, Object> json = new JWKSet(jwks).toJSONObject(true);
        json.put("issuer", agency);
        return JSONObjectUtils.toJSONString(json);
    }
}
