package io.takedown.signals.text;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Optional;

/**
 * Names a text's language with Lingua, restricted to the languages that referral units meet most (the
 * outlets this platform follows published in 9+ languages). Restricting the set makes detection both more
 * accurate and lighter: Lingua loads a language's model on first use. Thread-safe.
 */
public final class LanguageIdentifier {

    /**
     * The languages Takedown distinguishes; others are reported as the closest of these, or not at all.
     * Malay is left out on purpose: on short texts it cannot be told from Indonesian, and the outlets'
     * translations were Indonesian.
     */
    public static final Language[] LANGUAGES = {
        Language.ARABIC, Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.RUSSIAN,
        Language.TURKISH, Language.URDU, Language.INDONESIAN, Language.SPANISH, Language.PERSIAN,
        Language.SOMALI, Language.SWAHILI, Language.HINDI, Language.BENGALI, Language.CHINESE,
        Language.ITALIAN, Language.DUTCH, Language.SWEDISH, Language.BOSNIAN, Language.ALBANIAN,
        Language.TAGALOG, Language.PORTUGUESE, Language.UKRAINIAN, Language.JAPANESE
    };

    private static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromLanguages(LANGUAGES)
            .withMinimumRelativeDistance(0.05)
            .build();

    /** ISO 639-1 code ({@code ar}, {@code ur}), or empty when the text is too short or ambiguous. */
    public Optional<String> identify(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String sample = text.length() > 4000 ? text.substring(0, 4000) : text;
        Language language = DETECTOR.detectLanguageOf(sample);
        if (language == Language.UNKNOWN) {
            return Optional.empty();
        }
        return Optional.of(language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT));
    }
}
