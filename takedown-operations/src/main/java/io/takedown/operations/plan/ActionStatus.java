package io.takedown.operations.plan;

/** Where an action day stands: targets change only while planning; H-hour fires a frozen plan. */
public enum ActionStatus {
    PLANNING, FROZEN, STRIKING, STRUCK;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
