package io.takedown.signals.url;

import io.takedown.signals.ContentType;
import io.takedown.signals.SignalType;
import java.util.List;
import java.util.Set;

/** A link, compared exactly after {@link UrlCanonicalizer}: the signal for re-shared and mirrored links. */
public final class UrlSignal implements SignalType {

    public static final String NAME = "url";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.URL);
    }

    @Override
    public String validate(String value) {
        return UrlCanonicalizer.canonicalize(value);
    }

    @Override
    public List<String> examples() {
        return List.of("https://news.example-outlet.test/en/articles/42", "http://xn--mller-kva.test/");
    }
}
