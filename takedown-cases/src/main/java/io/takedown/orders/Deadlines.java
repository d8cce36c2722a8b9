package io.takedown.orders;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** The Regulation's clocks, in one place, each from the event the Regulation names. */
public final class Deadlines {

    /** Art. 3(3): removal within one hour of receipt of the order. */
    public static final Duration REMOVAL = Duration.ofHours(1);
    /** Art. 3(2): procedures and deadlines reach a provider at least 12 hours before its first order. */
    public static final Duration PRIOR_NOTICE = Duration.ofHours(12);
    /** Art. 4(4): the host state scrutinises within 72 hours of receiving the copy. */
    public static final Duration SCRUTINY = Duration.ofHours(72);
    /** Art. 6(2): removed content and related data are preserved six months from removal. */
    public static final Period PRESERVATION = Period.ofMonths(6);
    /** Art. 11(3): information to the content provider withheld at most six weeks from the decision... */
    public static final int MAX_WITHHOLD_WEEKS = 6;
    /** ... and extended once by at most six more weeks. */
    public static final int MAX_WITHHOLD_EXTENSION_WEEKS = 6;
    /**
     * Not a figure of the Regulation: an order suspended this long without resolution is flagged to the
     * issuer (Art. 3(7)-(8) want the impossibility resolved "without undue delay").
     */
    public static final Duration LONG_SUSPENSION = Duration.ofHours(48);

    private Deadlines() {
    }

    public static Instant removalDeadline(Instant receipt) {
        return receipt.plus(REMOVAL);
    }

    public static Instant earliestFirstOrder(Instant noticeReceipt) {
        return noticeReceipt.plus(PRIOR_NOTICE);
    }

    public static Instant scrutinyDue(Instant copyReceipt) {
        return copyReceipt.plus(SCRUTINY);
    }

    public static Instant preserveUntil(Instant removal) {
        return removal.atOffset(ZoneOffset.UTC).plus(PRESERVATION).toInstant();
    }

    public static Instant weeksAfter(Instant from, int weeks) {
        return from.plus(Duration.ofDays(7L * weeks));
    }
}
