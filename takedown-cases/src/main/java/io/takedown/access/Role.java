package io.takedown.access;

/** What a user does in their agency. */
public enum Role {
    ANALYST, APPROVER, COORDINATOR, PROVIDER_STAFF, AUDITOR, ADMIN
}
