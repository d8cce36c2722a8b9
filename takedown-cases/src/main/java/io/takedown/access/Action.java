package io.takedown.access;

/** Everything the services let a user do; each is checked against {@link Policy}. */
public enum Action {
    CREATE_CASE, ADD_ITEM, VIEW_ITEM, CREATE_REFERRAL, SEND_REFERRAL, RECORD_REFERRAL_OUTCOME,
    DRAFT_ORDER, APPROVE_ORDER, SEND_ORDER, RECORD_FEEDBACK, DECLARE_IMPOSSIBILITY, RECORD_SCRUTINY,
    MANAGE_PRESERVATION, VIEW_ORDER, VIEW_AUDIT, REPORT, MANAGE_DIRECTORY,
    /** Look content up in the banks (HMA lookups, the API, the console's bank browser). */
    MATCH_CONTENT,
    /** Create, rename and delete banks; add and remove their entries. */
    CURATE_BANKS
}
