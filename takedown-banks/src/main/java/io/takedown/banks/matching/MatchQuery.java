package io.takedown.banks.matching;

import io.takedown.signals.Signal;
import io.takedown.signals.pdq.PdqHash;
import java.util.List;
import java.util.Map;

/**
 * What to look up for one piece of content.
 *
 * @param signals the content's signals (e.g. md5, sha256, pdq)
 * @param pdqVariants extra PDQ hashes by transform label (the dihedral variants), searched like the original
 */
public record MatchQuery(List<Signal> signals, Map<String, PdqHash> pdqVariants) {

    public static MatchQuery of(List<Signal> signals) {
        return new MatchQuery(signals, Map.of());
    }
}
