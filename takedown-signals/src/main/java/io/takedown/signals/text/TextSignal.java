package io.takedown.signals.text;

import io.takedown.signals.ContentType;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import io.takedown.signals.TextHasher;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Near-duplicate fingerprint of a text: {@link TextNormalizer}, {@link Tokenizer}, then {@link MinHash}.
 * Distance is {@code round(100 x (1 - estimated Jaccard similarity))}: 0 for the same text, about 10-30
 * for a copy with a few words changed, 85-100 for unrelated texts.
 */
public final class TextSignal implements SignalType, TextHasher {

    public static final String NAME = "text";
    /** Copies with light edits stay under this distance; unrelated texts are far above it. */
    public static final int DEFAULT_MATCH_DISTANCE = 50;

    private static final ThreadLocal<Tokenizer> TOKENIZER = ThreadLocal.withInitial(Tokenizer::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.TEXT);
    }

    @Override
    public String validate(String value) {
        return MinHash.fromHex(value == null ? null : value.trim()).toHex().toLowerCase(Locale.ROOT);
    }

    @Override
    public int distance(String a, String b) {
        return (int) Math.round(100 * (1 - MinHash.fromHex(a.trim()).similarity(MinHash.fromHex(b.trim()))));
    }

    @Override
    public Signal hash(String text) {
        return Signal.of(NAME, fingerprint(text).toHex());
    }

    public static MinHash fingerprint(String text) {
        return MinHash.of(TOKENIZER.get().tokens(TextNormalizer.normalize(text)));
    }

    @Override
    public List<String> examples() {
        return List.of(new TextSignal().hash("A synthetic example sentence for the text signal.").value());
    }
}
