package io.takedown.cases;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Policy;
import io.takedown.audit.AuditLog;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import io.takedown.store.Timestamps;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Referrals: voluntary notices asking a provider to assess content against its own terms. Not binding, so
 * no deadline; the outcome is recorded for the transparency report.
 */
public final class ReferralService {

    public static final Set<String> OUTCOMES = Set.of("removed", "restricted", "kept", "no-reply");

    private final Database database;
    private final Directory directory;
    private final AuditLog audit;
    private final Clock clock;

    public ReferralService(Database database, Directory directory, AuditLog audit, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates the referral and returns it with what other agencies already did for the same URL. */
    public record Created(long id, List<PriorAction> priorActions) {
    }

    public Created create(Actor actor, long itemId, String providerCode) {
        Policy.check(actor, Action.CREATE_REFERRAL);
        return database.inTransaction(connection -> {
            Agency provider = Directory.agency(connection, providerCode).orElseThrow(() -> new TakedownException(
                    TakedownException.Kind.NOT_FOUND, "no agency " + providerCode));
            if (provider.kind() != AgencyKind.PROVIDER) {
                throw new InvalidInputException(null, providerCode + " is not a hosting service provider");
            }
            long agencyId = Directory.agency(connection, actor.agency()).orElseThrow().id();
            Item item = Items.requireVisible(connection, actor, itemId);
            if (!item.agency().equals(actor.agency())) {
                throw new TakedownException(TakedownException.Kind.FORBIDDEN, "item " + itemId + " belongs to "
                        + item.agency());
            }
            // Deconfliction answers only for those allowed to ask (not an NGO flagging content).
            List<PriorAction> prior = Policy.allows(actor, Action.DECONFLICT)
                    ? Items.priorActions(connection, actor, item.canonicalUrl()) : List.of();
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO referral (item_id, agency_id, "
                    + "provider_id, status, created_at) VALUES (?, ?, ?, 'DRAFT', ?) RETURNING id")) {
                insert.setLong(1, itemId);
                insert.setLong(2, agencyId);
                insert.setLong(3, provider.id());
                insert.setString(4, Timestamps.format(clock.instant()));
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            audit.append(connection, actor.name(), actor.agency(), "referral-created", "referral:" + id,
                    prior.isEmpty() ? "no prior action" : prior.size() + " prior action(s) on this URL");
            return new Created(id, prior);
        });
    }

    public void send(Actor actor, long referralId) {
        Policy.check(actor, Action.SEND_REFERRAL);
        change(actor, referralId, "DRAFT", "status = 'SENT', sent_at = ?", Timestamps.format(clock.instant()), "referral-sent");
    }

    public void recordOutcome(Actor actor, long referralId, String outcome) {
        Policy.check(actor, Action.RECORD_REFERRAL_OUTCOME);
        if (!OUTCOMES.contains(outcome)) {
            throw new InvalidInputException(null, "outcome must be one of " + OUTCOMES);
        }
        change(actor, referralId, "SENT", "status = 'CLOSED', outcome = ?, outcome_at = ?", outcome,
                "referral-outcome", Timestamps.format(clock.instant()));
    }

    private void change(Actor actor, long referralId, String from, String assignments, String value, String action,
                        String... more) {
        database.inTransaction(connection -> {
            String status;
            String agency;
            try (PreparedStatement query = connection.prepareStatement("SELECT r.status, a.code FROM referral r "
                    + "JOIN agency a ON a.id = r.agency_id WHERE r.id = ?")) {
                query.setLong(1, referralId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw CaseService.notFound("referral", referralId);
                    }
                    status = rows.getString(1);
                    agency = rows.getString(2);
                }
            }
            if (!agency.equals(actor.agency())) {
                // Another agency's referral: answered like a missing one, so its owner is not revealed.
                throw CaseService.notFound("referral", referralId);
            }
            if (!status.equals(from)) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "referral " + referralId + " is "
                        + status.toLowerCase() + ", expected " + from.toLowerCase());
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE referral SET " + assignments + " WHERE id = ?")) {
                int i = 1;
                update.setString(i++, value);
                for (String extra : more) {
                    update.setString(i++, extra);
                }
                update.setLong(i, referralId);
                update.executeUpdate();
            }
            audit.append(connection, actor.name(), actor.agency(), action, "referral:" + referralId, value);
            return null;
        });
    }
}
