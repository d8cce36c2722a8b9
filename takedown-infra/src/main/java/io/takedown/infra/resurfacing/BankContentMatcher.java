package io.takedown.infra.resurfacing;

import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.banks.matching.Matcher;
import io.takedown.signals.Signal;
import java.util.List;

/** The platform's {@link Matcher} as a {@link ContentMatcher}; suppressed matches (negative banks) are dropped. */
public final class BankContentMatcher implements ContentMatcher {

    private final Matcher matcher;

    public BankContentMatcher(Matcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public List<Hit> match(List<Signal> signals) {
        return matcher.match(MatchQuery.of(signals)).stream().filter(r -> !r.suppressed())
                .map(BankContentMatcher::hit).toList();
    }

    private static Hit hit(MatchResult result) {
        return new Hit(result.entry().bankName(), result.entry().id(), result.entry().signal(), result.distance());
    }
}
