package io.takedown.server.console;

import io.takedown.access.Actor;
import io.takedown.app.Takedown;
import io.takedown.cases.Item;

/**
 * Reviewing an item's media. The console shows media blurred; showing it plainly is a deliberate act that
 * the audit trail records (who, which item, when), after the same role and handling checks as any item read.
 * The server holds no captured content: the image is a fingerprint drawn from the item's PDQ bits.
 */
final class MediaReview {

    private final Takedown takedown;

    MediaReview(Takedown takedown) {
        this.takedown = takedown;
    }

    /** Records that {@code actor} looked at the media unblurred; returns the item (its read is audited too). */
    Item unblur(Actor actor, long itemId) {
        Item item = takedown.cases().viewItem(actor, itemId);
        takedown.database().inTransaction(connection -> takedown.audit().append(connection, actor.name(), actor.agency(),
                "item-media-unblurred", "item:" + item.id(), item.captureRef().orElse(null)));
        return item;
    }

    /** A 16 x 16 grid of the item's PDQ bits (or a neutral tile): no real content ever leaves the server. */
    static String placeholder(Item item) {
        String pdq = item.signals().get("pdq");
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" "
                + "viewBox=\"0 0 16 16\" role=\"img\" aria-label=\"fingerprint of item ").append(item.id()).append("\">")
                .append("<rect width=\"16\" height=\"16\" fill=\"#e6e9ef\"/>");
        if (pdq != null && pdq.matches("[0-9a-f]{64}")) {
            for (int bit = 0; bit < 256; bit++) {
                int nibble = Character.digit(pdq.charAt(bit / 4), 16);
                if ((nibble >> (3 - bit % 4) & 1) == 1) {
                    svg.append("<rect x=\"").append(bit % 16).append("\" y=\"").append(bit / 16)
                            .append("\" width=\"1\" height=\"1\" fill=\"#10253f\"/>");
                }
            }
        }
        return svg.append("</svg>").toString();
    }
}
