package io.takedown.cases;

import io.takedown.audit.Signer;

/**
 * Each agency signs with its own key: a member state's authority its removal orders, the coordinator its
 * action-day plan. Key storage, protection at rest and rotation belong to the keys area; the composition root
 * keeps one key per agency under {@code keys/agency/CODE/}.
 */
@FunctionalInterface
public interface AgencyKeys {

    /** The signing key of {@code agencyCode}, created on first use where the store does that. */
    Signer signer(String agencyCode);

    /** One key for every agency (tests and tools that predate per-agency keys). */
    static AgencyKeys single(Signer signer) {
        return code -> signer;
    }
}
