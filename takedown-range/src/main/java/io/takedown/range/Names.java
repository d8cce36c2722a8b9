package io.takedown.range;

import java.util.SplittableRandom;

/**
 * Invented names from neutral syllables. They are checked to read as nothing in particular; the range
 * must never name, imitate or suggest a real group or outlet.
 */
final class Names {

    private static final String[] FIRST = {"Vel", "Sor", "Tam", "Kir", "Lun", "Mar", "Ost", "Pel", "Ren", "Zan",
        "Cor", "Dal", "Fen", "Hal", "Jor", "Nim"};
    private static final String[] SECOND = {"ara", "ento", "iva", "oris", "unda", "eli", "aso", "ine", "oma", "uri"};
    private static final String[] KIND = {"Bulletin", "Courier", "Review", "Digest", "Gazette", "Chronicle"};
    private static final String[] PROVIDER = {"Cloud", "Hosting", "Servers", "Datacenter", "Web Services", "Net"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "IE", "ES", "SE", "PL", "IT", "FI", "AT"};

    private Names() {
    }

    static String word(SplittableRandom random) {
        return FIRST[random.nextInt(FIRST.length)] + SECOND[random.nextInt(SECOND.length)];
    }

    static String outlet(SplittableRandom random) {
        return word(random) + " " + KIND[random.nextInt(KIND.length)];
    }

    static String provider(SplittableRandom random) {
        return word(random) + " " + PROVIDER[random.nextInt(PROVIDER.length)];
    }

    static String country(SplittableRandom random) {
        return COUNTRIES[random.nextInt(COUNTRIES.length)];
    }

    static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
