package io.takedown.access;

/**
 * Everything the services let a user do; each is checked against {@link Policy} (role and agency kind),
 * then by the service against the party rules of the thing acted on (issuer, addressee, host state).
 */
public enum Action {
    CREATE_CASE, ADD_ITEM, VIEW_ITEM, CREATE_REFERRAL, SEND_REFERRAL, RECORD_REFERRAL_OUTCOME,
    /** See which referrals and orders already exist for a URL (deconfliction). */
    DECONFLICT,
    DRAFT_ORDER, APPROVE_ORDER, SEND_ORDER,
    /** The issuer records when a provider without an endpoint received an order delivered out of band. */
    RECORD_RECEIPT,
    /** The issuer supplied the clarification an Annex III answer asked for (Art. 3(8)). */
    RESUME_ORDER,
    /** Annex II feedback: the addressee removed or disabled the content. */
    RECORD_FEEDBACK,
    /** Annex III: the addressee cannot comply, or reports that force majeure ceased (Art. 3(7)). */
    DECLARE_IMPOSSIBILITY,
    /** Art. 9: the addressee challenges the order (it must still comply). */
    CONTEST_ORDER,
    /** Art. 4: the competent authority of the provider's member state scrutinises a cross-border order. */
    RECORD_SCRUTINY,
    /** Art. 6(2): the issuer extends preservation for review proceedings. */
    MANAGE_PRESERVATION,
    /** Art. 11(3): the issuer withholds information to the content provider, and extends that once. */
    WITHHOLD_INFORMATION,
    VIEW_ORDER, VIEW_AUDIT, REPORT, MANAGE_DIRECTORY,
    /** Look content up in the banks (HMA lookups, the API, the console's bank browser). */
    MATCH_CONTENT,
    /** Create, rename and delete banks; add and remove their entries. */
    CURATE_BANKS
}
