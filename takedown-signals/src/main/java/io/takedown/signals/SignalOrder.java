package io.takedown.signals;

import java.util.Comparator;
import java.util.List;

/**
 * Output columns must not move between runs or releases: built-in signals come first in a fixed order,
 * third-party ones after them by name.
 */
final class SignalOrder {

    private static final List<String> BUILT_IN = List.of("md5", "sha256", "pdq", "text", "url", "video_md5", "vpdq");

    static final Comparator<SignalType> COMPARATOR = Comparator
            .comparingInt((SignalType type) -> {
                int index = BUILT_IN.indexOf(type.name());
                return index < 0 ? BUILT_IN.size() : index;
            })
            .thenComparing(SignalType::name);

    private SignalOrder() {
    }
}
