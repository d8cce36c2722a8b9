package io.takedown.orders;

/** Where a removal order stands. */
public enum OrderStatus {
    DRAFT, APPROVED, SENT, SUSPENDED, EXECUTED, CONTESTED, CEASED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
