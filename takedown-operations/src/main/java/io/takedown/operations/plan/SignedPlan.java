package io.takedown.operations.plan;

import io.takedown.core.Hex;

/**
 * The frozen plan as the coordinator signed it: a canonical JSON document (action, H-hour, parts, targets,
 * emergency exceptions, open conflicts) and its compact JWS (EdDSA) under the coordinator agency's key.
 */
public record SignedPlan(String document, String jws, String keyId) {

    /** The SHA-256 of the document (hex), as the audit trail and the after-action report quote it. */
    public String documentSha256() {
        return Hex.sha256(document);
    }
}
