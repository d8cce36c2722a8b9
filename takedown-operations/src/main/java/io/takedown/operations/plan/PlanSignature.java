package io.takedown.operations.plan;

import com.nimbusds.jose.JOSEObjectType;
import io.takedown.audit.Signer;
import io.takedown.core.InvalidInputException;
import io.takedown.orders.OrderJws;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The frozen plan's signature: a compact JWS of its own type ({@code takedown-action-plan+jws}), so a plan
 * can never pass for an order or a procedures notice, signed with the coordinator agency's key.
 */
final class PlanSignature {

    static final JOSEObjectType PLAN = new JOSEObjectType("takedown-action-plan+jws");

    private PlanSignature() {
    }

    static String sign(Signer coordinator, String document) {
        return OrderJws.sign(coordinator, PLAN, document);
    }

    /** The signed document when the signature verifies under {@code key} (identified by its key id). */
    static Optional<String> verify(String jws, String keyId, PublicKey key) {
        try {
            return Optional.of(OrderJws.verify(jws, PLAN, kid -> kid.equals(keyId) ? Optional.of(key)
                    : Optional.empty()));
        } catch (InvalidInputException refused) {
            return Optional.empty();
        }
    }
}
