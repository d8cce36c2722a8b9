package io.takedown.operations.plan;

/**
 * The frozen plan as the coordinator signed it: a canonical JSON document (action, H-hour, parts, targets,
 * emergency exceptions, open conflicts) and its compact JWS (EdDSA) under the coordinator agency's key.
 */
public record SignedPlan(String document, String jws, String keyId) {
}
