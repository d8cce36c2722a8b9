package io.takedown.access;

/** Kinds of organisation in the directory. */
public enum AgencyKind {
    REFERRAL_UNIT, COMPETENT_AUTHORITY, COORDINATOR, PROVIDER, NGO
}
