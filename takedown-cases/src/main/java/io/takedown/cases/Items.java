package io.takedown.cases;

import io.takedown.access.Actor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Item look-ups for the order and referral services, inside their transactions. */
public final class Items {

    private Items() {
    }

    public static Item require(Connection connection, long itemId) throws SQLException {
        return CaseService.item(connection, itemId).orElseThrow(() -> CaseService.notFound("item", itemId));
    }

    /** An item the actor may see; anything else, hidden or absent, is "not found" (no owner, no handling code). */
    public static Item requireVisible(Connection connection, Actor actor, long itemId) throws SQLException {
        return CaseService.item(connection, itemId).filter(item -> item.handling().visibleTo(actor, item.agency()))
                .orElseThrow(() -> CaseService.notFound("item", itemId));
    }

    public static List<PriorAction> priorActions(Connection connection, Actor actor, String canonicalUrl)
            throws SQLException {
        return CaseService.priorActions(connection, actor, canonicalUrl);
    }
}
