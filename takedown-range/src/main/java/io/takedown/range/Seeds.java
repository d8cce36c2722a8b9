package io.takedown.range;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent random streams per named part of the world, so adding a part never shifts another's
 * content: the stream for "outlet-3/article-17/image" depends only on the seed and that name.
 */
final class Seeds {

    private Seeds() {
    }

    static SplittableRandom random(long seed, String name) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return new SplittableRandom(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
