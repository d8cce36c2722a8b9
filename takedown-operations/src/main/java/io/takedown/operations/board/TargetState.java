package io.takedown.operations.board;

/** Where one target of an action day stands, as the board counts it. */
public enum TargetState {
    PLANNED, HELD, NOT_FIRED, FAILED, SENT, ACKNOWLEDGED, REMOVED, OVERDUE, CONTESTED, ANNEX_III, CEASED, REFERRED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
