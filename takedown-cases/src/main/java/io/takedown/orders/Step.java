package io.takedown.orders;

import static io.takedown.orders.OrderStatus.APPROVED;
import static io.takedown.orders.OrderStatus.CEASED;
import static io.takedown.orders.OrderStatus.DRAFT;
import static io.takedown.orders.OrderStatus.EXECUTED;
import static io.takedown.orders.OrderStatus.QUEUED;
import static io.takedown.orders.OrderStatus.SENT;
import static io.takedown.orders.OrderStatus.SUSPENDED;

import io.takedown.access.Action;
import java.util.EnumSet;
import java.util.Set;

/**
 * The order's state machine: every step a person takes, who may take it, from which states. Steps that
 * only record something (a contest, the host state's decision, preservation, withholding) leave the state
 * as it is; receipts arrive through the outbox ({@link OrderOutbox}).
 */
public enum Step {
    APPROVE("approve", "approved", Action.APPROVE_ORDER, Party.ISSUER, EnumSet.of(DRAFT)),
    SEND("send", "queued", Action.SEND_ORDER, Party.ISSUER, EnumSet.of(APPROVED)),
    RECORD_RECEIPT("record a receipt for", "receipt-recorded", Action.RECORD_RECEIPT, Party.ISSUER,
            EnumSet.of(APPROVED, QUEUED, SENT, SUSPENDED, EXECUTED)),
    EXECUTE("execute", "executed", Action.RECORD_FEEDBACK, Party.ADDRESSEE, EnumSet.of(SENT, SUSPENDED)),
    SUSPEND("suspend", "suspended", Action.DECLARE_IMPOSSIBILITY, Party.ADDRESSEE, EnumSet.of(SENT)),
    RESUME("resume", "resumed", Action.RESUME_ORDER, Party.ISSUER, EnumSet.of(SUSPENDED)),
    REASONS_CEASED("end the force majeure of", "reasons-ceased", Action.DECLARE_IMPOSSIBILITY, Party.ADDRESSEE,
            EnumSet.of(SUSPENDED)),
    CONTEST("contest", "contested", Action.CONTEST_ORDER, Party.ADDRESSEE, EnumSet.of(SENT, SUSPENDED, EXECUTED)),
    SCRUTINISE("record scrutiny for", "scrutiny", Action.RECORD_SCRUTINY, Party.HOST_STATE,
            EnumSet.of(QUEUED, SENT, SUSPENDED, EXECUTED)),
    EXTEND_PRESERVATION("extend preservation of", "preservation-extended", Action.MANAGE_PRESERVATION, Party.ISSUER,
            EnumSet.of(EXECUTED, CEASED)),
    WITHHOLD("withhold information on", "withheld", Action.WITHHOLD_INFORMATION, Party.ISSUER,
            EnumSet.of(SENT, SUSPENDED, EXECUTED)),
    EXTEND_WITHHOLDING("extend withholding on", "withholding-extended", Action.WITHHOLD_INFORMATION, Party.ISSUER,
            EnumSet.of(SENT, SUSPENDED, EXECUTED));

    private final String verb;
    private final String event;
    private final Action action;
    private final Party party;
    private final Set<OrderStatus> from;

    Step(String verb, String event, Action action, Party party, Set<OrderStatus> from) {
        this.verb = verb;
        this.event = event;
        this.action = action;
        this.party = party;
        this.from = from;
    }

    public String verb() {
        return verb;
    }

    /** The order event and audit action ({@code order-} + this) the step writes. */
    public String event() {
        return event;
    }

    public Action action() {
        return action;
    }

    public Party party() {
        return party;
    }

    public Set<OrderStatus> from() {
        return EnumSet.copyOf(from);
    }
}
