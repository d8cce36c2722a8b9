package io.takedown.app.evasion;

import io.takedown.range.Transform;
import java.time.Duration;
import java.util.List;

/**
 * Recall per evasion class and false matches for one world.
 *
 * @param bankEntries entries banked: each original's PDQ and its robust variants
 * @param queryHashes PDQ hashes searched over all copies (the copy's own and its query variants)
 * @param copiesWithWrongMatch copies that matched some original other than their own
 * @param originalsMatchingAnother originals that, queried like a copy, matched another original
 */
public record EvasionFigures(long seed, String size, int originals, int bankEntries, List<ClassRecall> classes,
                             long queryHashes, int copiesWithWrongMatch, int originalsMatchingAnother,
                             Duration took) {

    /** Goals of issue 13: recall on classes not marked hard, on hard ones, and false matches. */
    public static final double GOAL_RECALL = 0.99;
    public static final double GOAL_HARD_RECALL = 0.90;
    public static final double GOAL_FALSE_MATCHES = 0.001;

    /**
     * One evasion class.
     *
     * @param foundPlain copies within 31 bits of their original by the copy's PDQ alone (no variants)
     * @param found copies whose original the matcher returned, with bank and query variants
     */
    public record ClassRecall(Transform transform, int copies, int found, int foundPlain) {

        public boolean hard() {
            return transform.hard();
        }

        public double recall() {
            return copies == 0 ? 1 : (double) found / copies;
        }

        public double plainRecall() {
            return copies == 0 ? 1 : (double) foundPlain / copies;
        }

        public boolean goalMet() {
            return recall() >= (hard() ? GOAL_HARD_RECALL : GOAL_RECALL);
        }
    }

    public int copies() {
        return classes.stream().mapToInt(ClassRecall::copies).sum();
    }

    /** Share of the copies that matched a wrong original. */
    public double falseMatchRate() {
        return copies() == 0 ? 0 : (double) copiesWithWrongMatch / copies();
    }

    /** Share of the originals that matched another original. */
    public double originalFalseMatchRate() {
        return originals == 0 ? 0 : (double) originalsMatchingAnother / originals;
    }

    public boolean goalsMet() {
        return classes.stream().allMatch(ClassRecall::goalMet) && falseMatchRate() <= GOAL_FALSE_MATCHES
                && originalFalseMatchRate() <= GOAL_FALSE_MATCHES;
    }
}
