package io.takedown.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.cases.Agency;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Annex I removal order as data and as a readable document in the provider's language (English,
 * French, German; others fall back to English and say so). Fields: issuing authority and contact, legal
 * basis, statement of reasons, the exact URLs, date and time of issue, whether it is an emergency or
 * cross-border, and redress information for the provider and the content provider.
 */
public final class OrderDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, List<String>> LABELS = Map.of(
            "en", List.of("REMOVAL ORDER", "Issuing authority", "Legal basis", "Reasons", "Content to remove or disable",
                    "Issued", "Deadline", "one hour from receipt (Art. 3(3))", "Redress",
                    "You and the content provider may challenge this order before the courts of the issuing Member "
                            + "State (Art. 9). If you cannot comply, use Annex III (Art. 3(7)-(8))."),
            "fr", List.of("INJONCTION DE RETRAIT", "Autorité d'émission", "Base juridique", "Motifs",
                    "Contenu à retirer ou à bloquer", "Émise le", "Délai", "une heure à compter de la réception (art. 3, par. 3)",
                    "Voies de recours", "Vous et le fournisseur de contenus pouvez contester cette injonction devant les "
                            + "juridictions de l'État membre d'émission (art. 9). En cas d'impossibilité, utilisez l'annexe III."),
            "de", List.of("ENTFERNUNGSANORDNUNG", "Erlassende Behörde", "Rechtsgrundlage", "Begründung",
                    "Zu entfernende oder zu sperrende Inhalte", "Erlassen am", "Frist",
                    "eine Stunde nach Erhalt (Art. 3 Abs. 3)", "Rechtsbehelfe",
                    "Sie und der Inhalteanbieter können diese Anordnung vor den Gerichten des erlassenden Mitgliedstaats "
                            + "anfechten (Art. 9). Ist die Befolgung unmöglich, nutzen Sie Anhang III."));

    private OrderDocument() {
    }

    public static String json(Agency issuer, Agency provider, List<String> urls, String legalBasis, String reasons,
                              boolean emergency, boolean crossBorder, Instant issued, String language) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "tco-removal-order").put("regulation", "(EU) 2021/784");
        node.putObject("issuing_authority").put("code", issuer.code()).put("name", issuer.name())
                .put("member_state", issuer.country());
        node.putObject("hosting_service_provider").put("code", provider.code()).put("name", provider.name())
                .put("establishment", provider.country());
        node.put("legal_basis", legalBasis).put("reasons", reasons);
        urls.forEach(node.putArray("urls")::add);
        node.put("issued_at", issued.toString()).put("emergency", emergency).put("cross_border", crossBorder)
                .put("deadline", "PT1H from receipt").put("language", language)
                .put("redress", LABELS.get("en").get(9));
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Art. 3(2) information on procedures and deadlines a provider receives at least 12 hours before
     * the first order of an authority: who will issue orders, how they arrive and are verified, and the
     * deadlines that will apply.
     */
    public static String procedures(RemovalOrder order, Instant issued) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "tco-procedures-notice").put("regulation", "(EU) 2021/784").put("article", "3(2)");
        node.putObject("issuing_authority").put("code", order.agency());
        node.putObject("hosting_service_provider").put("code", order.provider())
                .put("establishment", order.providerCountry());
        ObjectNode deadlines = node.putObject("deadlines");
        deadlines.put("removal", "PT1H from receipt of a removal order (Art. 3(3))")
                .put("impossibility", "inform without undue delay using Annex III (Art. 3(7)-(8))")
                .put("feedback", "Annex II without undue delay after removal (Art. 3(6))")
                .put("preservation", "P6M from removal (Art. 6)");
        node.put("delivery", "removal orders arrive as compact JWS (typ tco-order+jws, alg EdDSA, kid = RFC 7638 "
                + "thumbprint of the authority's key) at the provider's registered endpoint; acknowledge with HTTP 2xx")
                .put("redress", LABELS.get("en").get(9)).put("issued_at", issued.toString());
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document as a person reads it, in the order's language where a translation exists. */
    public static String render(String json, String language) {
        try {
            var node = JSON.readTree(json);
            List<String> l = LABELS.getOrDefault(language, LABELS.get("en"));
            StringBuilder out = new StringBuilder();
            out.append(l.get(0)).append(" — Regulation (EU) 2021/784\n");
            if (!LABELS.containsKey(language)) {
                out.append("(no ").append(language).append(" template: English version)\n");
            }
            out.append(l.get(1)).append(": ").append(node.path("issuing_authority").path("name").asText()).append(" (")
                    .append(node.path("issuing_authority").path("member_state").asText()).append(")\n");
            out.append(l.get(2)).append(": ").append(node.path("legal_basis").asText()).append('\n');
            out.append(l.get(3)).append(": ").append(node.path("reasons").asText()).append('\n');
            out.append(l.get(4)).append(":\n");
            node.path("urls").forEach(url -> out.append("  - ").append(url.asText()).append('\n'));
            out.append(l.get(5)).append(": ").append(node.path("issued_at").asText()).append('\n');
            out.append(l.get(6)).append(": ").append(l.get(7)).append('\n');
            out.append(l.get(8)).append(": ").append(l.get(9)).append('\n');
            return out.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable order document", e);
        }
    }
}
