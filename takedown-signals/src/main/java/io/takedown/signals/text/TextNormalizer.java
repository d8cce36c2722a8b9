package io.takedown.signals.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;

/**
 * Folds the ways one text is written into one form, so that a copy that only changes presentation
 * hashes the same: NFKC with case folding (full-width letters, ligatures, presentation forms, case),
 * every decimal digit to ASCII, and for Arabic-script text the variants that writers and evasion use
 * interchangeably: diacritics (harakat, Quranic marks), tatweel, hamza-carrying alef/waw/ya forms,
 * alef maqsura, ta marbuta, and the Persian/Urdu letter shapes of kaf, ya and heh.
 */
public final class TextNormalizer {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String folded = NFKC_CASEFOLD.normalize(text);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().forEach(cp -> {
            int mapped = fold(cp);
            if (mapped >= 0) {
                out.appendCodePoint(mapped);
            }
        });
        return out.toString();
    }

    /** The code point's folded form, or -1 to drop it. */
    static int fold(int cp) {
        if (isArabicMark(cp) || cp == 0x0640) {
            return -1;
        }
        switch (cp) {
            case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673 -> {
                return 0x0627; // alef with madda / hamza above / hamza below / wasla → bare alef
            }
            case 0x0649, 0x06CC, 0x06D2, 0x0626 -> {
                return 0x064A; // alef maqsura, Farsi yeh, yeh barree, yeh with hamza → yeh
            }
            case 0x0624 -> {
                return 0x0648; // waw with hamza → waw
            }
            case 0x0629, 0x06C1, 0x06D5, 0x06BE -> {
                return 0x0647; // ta marbuta, heh goal, ae, heh doachashmee → heh
            }
            case 0x06A9, 0x06AA -> {
                return 0x0643; // keheh, swash kaf → kaf
            }
            default -> {
            }
        }
        if (UCharacter.getType(cp) == UCharacter.DECIMAL_DIGIT_NUMBER) {
            return '0' + UCharacter.digit(cp, 10);
        }
        return cp;
    }

    private static boolean isArabicMark(int cp) {
        return (cp >= 0x064B && cp <= 0x065F) // harakat, tanwin, shadda, sukun, extended marks
                || cp == 0x0670 // superscript alef
                || (cp >= 0x0610 && cp <= 0x061A) // honorifics and small marks
                || (cp >= 0x06D6 && cp <= 0x06DC) // Quranic annotation
                || (cp >= 0x06DF && cp <= 0x06E8)
                || (cp >= 0x06EA && cp <= 0x06ED)
                || (cp >= 0x08D3 && cp <= 0x08FF && cp != 0x08E2);
    }
}
