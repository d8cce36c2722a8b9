package io.takedown.banks.exchange;

import java.util.Locale;
import java.util.Map;

/**
 * Signal type names across ecosystems. python-threatexchange and HMA call the file MD5 {@code video_md5};
 * GIFCT-style lists write types upper-case. Unknown names pass through lower-cased.
 */
final class SignalNames {

    private static final Map<String, String> FROM_EXCHANGE = Map.of("video_md5", "md5", "md5", "md5",
            "pdq", "pdq", "sha256", "sha256", "url", "url", "text", "text", "raw_text", "text");
    private static final Map<String, String> TO_EXCHANGE = Map.of("md5", "video_md5");

    private SignalNames() {
    }

    static String fromExchange(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return FROM_EXCHANGE.getOrDefault(lower, lower);
    }

    static String toExchange(String takedownName) {
        return TO_EXCHANGE.getOrDefault(takedownName, takedownName);
    }
}
