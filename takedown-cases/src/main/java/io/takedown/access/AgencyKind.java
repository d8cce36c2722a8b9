package io.takedown.access;

import java.util.EnumSet;
import java.util.Set;

/**
 * Kinds of organisation in the directory, and the roles a user of each kind may hold: only competent
 * authorities issue removal orders and scrutinise them; only providers answer them; administrators of the
 * directory sit in authorities, referral units or the coordinator, never in a provider or an NGO.
 */
public enum AgencyKind {
    REFERRAL_UNIT(EnumSet.of(Role.ANALYST, Role.APPROVER, Role.AUDITOR, Role.ADMIN)),
    COMPETENT_AUTHORITY(EnumSet.of(Role.ANALYST, Role.APPROVER, Role.AUDITOR, Role.ADMIN)),
    COORDINATOR(EnumSet.of(Role.COORDINATOR, Role.ANALYST, Role.APPROVER, Role.AUDITOR, Role.ADMIN)),
    PROVIDER(EnumSet.of(Role.PROVIDER_STAFF, Role.AUDITOR)),
    NGO(EnumSet.of(Role.ANALYST, Role.APPROVER, Role.AUDITOR));

    private final Set<Role> roles;

    AgencyKind(Set<Role> roles) {
        this.roles = roles;
    }

    /** Roles a user of an agency of this kind may be given. */
    public Set<Role> allowedRoles() {
        return EnumSet.copyOf(roles);
    }

    /** An authority of the state: sees items by handling code, may deconflict. */
    public boolean isAuthority() {
        return this == REFERRAL_UNIT || this == COMPETENT_AUTHORITY || this == COORDINATOR;
    }
}
