package io.takedown.range.infra;

import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** Invented names for registrars, CDN operators, decoys and new domains: neutral syllables, {@code .test} only. */
final class InfraNames {

    private static final String[] FIRST = {"kir", "sol", "tav", "ben", "dor", "mel", "pra", "qua", "ros", "lin", "vos",
        "gar", "hem", "ula", "ner", "fal"};
    private static final String[] SECOND = {"ado", "ent", "ivo", "orn", "ust", "ala", "ema", "ion", "ova", "era"};

    private InfraNames() {
    }

    static String word(SplittableRandom random) {
        return FIRST[random.nextInt(FIRST.length)] + SECOND[random.nextInt(SECOND.length)];
    }

    static String capitalised(SplittableRandom random) {
        String word = word(random);
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** A fresh domain {@code prefix + words + suffix + ".test"} not in {@code used}; adds it to {@code used}. */
    static String domain(SplittableRandom random, String suffix, Set<String> used) {
        while (true) {
            String name = word(random) + (random.nextBoolean() ? word(random) : "") + suffix + ".test";
            if (used.add(name)) {
                return name;
            }
        }
    }
}
