package io.takedown.signals;

import java.util.List;
import java.util.Set;

/**
 * One way of fingerprinting content. Implementations are small, stateless and thread-safe; what they can
 * hash is declared by also implementing a capability ({@link DigestHasher}, {@link ImageHasher},
 * {@link TextHasher}). Register one by listing it in
 * {@code META-INF/services/io.takedown.signals.SignalType}.
 */
public interface SignalType {

    /** Storage key, lowercase, unique across the registry: {@code md5}, {@code pdq}. */
    String name();

    /** Content this signal describes. */
    Set<ContentType> contentTypes();

    /**
     * Checks a signal's text form and returns it canonical (e.g. lowercase hex).
     *
     * @throws io.takedown.core.InvalidInputException naming what is wrong
     */
    String validate(String value);

    /**
     * How far apart two valid signals are, 0 meaning identical; the unit is the type's own (bits for PDQ,
     * 0 or 1 for exact types). Matchers compare this with a per-bank threshold.
     */
    default int distance(String a, String b) {
        return validate(a).equals(validate(b)) ? 0 : 1;
    }

    /** Valid example values, used by the contract tests and the documentation. */
    List<String> examples();
}
