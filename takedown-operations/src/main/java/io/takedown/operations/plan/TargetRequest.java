package io.takedown.operations.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Targets to add from one of the agency's cases, all hosted by one provider.
 *
 * @param itemIds          the case's items to target; empty for every item of the case
 * @param emergencyReason  present when the orders are emergencies: no 12-hour prior notice (Art. 3(2)), and
 *                         the reason is recorded in the signed plan
 * @param reasons          the statement of reasons of the orders (Annex I)
 * @param source           where the targets came from, e.g. {@code case:12} or {@code infra:suggestion-4}
 */
public record TargetRequest(long caseId, List<Long> itemIds, String provider, TargetKind kind,
                            Optional<String> emergencyReason, String reasons, String language, String source) {

    public static final String LEGAL_BASIS = "Article 3 of Regulation (EU) 2021/784";

    public TargetRequest {
        Objects.requireNonNull(provider, "provider");
        itemIds = List.copyOf(itemIds);
        language = language == null || language.isBlank() ? "en" : language;
        source = source == null || source.isBlank() ? "case:" + caseId : source;
    }

    /** Every item of a case, as removal orders in English. */
    public static TargetRequest orders(long caseId, String provider, String reasons) {
        return new TargetRequest(caseId, List.of(), provider, TargetKind.ORDER, Optional.empty(), reasons, "en", null);
    }

    public TargetRequest items(List<Long> ids) {
        return new TargetRequest(caseId, ids, provider, kind, emergencyReason, reasons, language, source);
    }

    public TargetRequest emergency(String reason) {
        return new TargetRequest(caseId, itemIds, provider, kind, Optional.of(reason), reasons, language, source);
    }

    public TargetRequest referrals() {
        return new TargetRequest(caseId, itemIds, provider, TargetKind.REFERRAL, emergencyReason, reasons, language, source);
    }
}
