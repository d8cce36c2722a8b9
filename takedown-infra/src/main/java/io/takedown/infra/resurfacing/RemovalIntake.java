package io.takedown.infra.resurfacing;

import io.takedown.access.Actor;
import io.takedown.cases.CaseService;
import io.takedown.cases.Item;
import io.takedown.core.TakedownException;
import io.takedown.orders.OrderService;
import io.takedown.orders.RemovalOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Removals as the legal workflow recorded them: every executed removal order the actor may see, with its
 * item's URL, signals and outlet (the item's {@code entity:} label). Access rules are the order and case
 * services' own: an order whose item the actor may not view (it sees the order as the host state's
 * authority) is left to those who may.
 */
public final class RemovalIntake {

    private final OrderService orders;
    private final CaseService cases;

    public RemovalIntake(OrderService orders, CaseService cases) {
        this.orders = orders;
        this.cases = cases;
    }

    public List<Removal> executed(Actor actor) {
        List<Removal> out = new ArrayList<>();
        for (RemovalOrder order : orders.list(actor)) {
            if (order.executedAt().isEmpty()) {
                continue;
            }
            Item item;
            try {
                item = cases.viewItem(actor, order.itemId());
            } catch (TakedownException e) {
                if (e.kind() != TakedownException.Kind.NOT_FOUND) {
                    throw e;
                }
                // An order the actor sees as the host state's authority, on an item of another agency's case
                // that its handling code keeps from the actor: the issuer's people watch that one.
                continue;
            }
            String outlet = item.labels().stream().filter(l -> l.startsWith("entity:")).map(l -> l.substring(7))
                    .findFirst().orElse("");
            out.add(new Removal(order.id(), item.url(), outlet, order.provider(), order.executedAt().get(), item.signals()));
        }
        return out;
    }

    /** Tracks every executed order the actor may see; returns how many were new. */
    public int trackExecuted(Actor actor, ResurfacingWatch watch) {
        int added = 0;
        for (Removal removal : executed(actor)) {
            if (watch.track(removal, actor.name())) {
                added++;
            }
        }
        return added;
    }
}
