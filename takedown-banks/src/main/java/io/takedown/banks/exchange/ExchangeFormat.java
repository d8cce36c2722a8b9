package io.takedown.banks.exchange;

import io.takedown.core.InvalidInputException;
import java.util.Locale;

/** The supported exchange formats. */
public enum ExchangeFormat {
    /** One value per line, of one signal type; {@code #} comments and blank lines are ignored. */
    HEX,
    /**
     * python-threatexchange's local file exchange: {@code <signal_type> <value>} per line, signal types by
     * their python-threatexchange names ({@code pdq}, {@code video_md5}, {@code url}, ...).
     */
    TE,
    /**
     * HMA bank content as JSON lines: {@code {"signals": {"pdq": "..."}, "note": "...", "metadata": {...}}}
     * as HMA's curation API takes and returns content; Takedown's labels, confidence, expiry, source and PDQ
     * quality ({@code "quality": {"pdq": 87}}) live under {@code metadata}.
     */
    HMA,
    /**
     * CSV with a header {@code hash_type,hash,labels,quality} (columns found by name, so files without the
     * quality column still read); labels separated by {@code ;}. HEX and TE lines carry no quality: a hash
     * read from them is matched whatever its quality.
     */
    GIFCT;

    public static ExchangeFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, "unknown format '" + text + "'; known: hex, te, hma, gifct");
        }
    }
}
