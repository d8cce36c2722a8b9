package io.takedown.operations.plan;

import io.takedown.audit.Signer;

/**
 * Each agency signs with its own key (a member state's authority its orders, the coordinator its plan).
 * Key storage and rotation belong to the audit/keys area; this is how an action day asks for one.
 */
@FunctionalInterface
public interface AgencyKeys {

    /** The signing key of {@code agencyCode}, created on first use where the store does that. */
    Signer signer(String agencyCode);
}
