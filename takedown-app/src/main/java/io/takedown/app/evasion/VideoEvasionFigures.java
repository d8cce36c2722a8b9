package io.takedown.app.evasion;

import io.takedown.range.video.VideoAlteration;
import java.time.Duration;
import java.util.List;

/**
 * Recall of vPDQ per video alteration and false matches for one world's videos.
 *
 * @param originals original videos (each banked as its vPDQ and its mirrored vPDQ)
 * @param framesHashed PDQ hashes computed over originals (both orientations) and copies
 * @param copiesWithWrongMatch copies that matched some original other than their own
 * @param originalsMatchingAnother originals that, compared like a copy, matched another original
 * @param ffmpeg the FFmpeg that encoded and decoded the videos
 */
public record VideoEvasionFigures(long seed, String size, int originals, List<ClassRecall> classes, long framesHashed,
                                  int copiesWithWrongMatch, int originalsMatchingAnother, String ffmpeg, Duration took) {

    /**
     * One alteration class.
     *
     * @param foundPlain copies whose vPDQ matches their original's (80 % of the copy's frames within 31 bits)
     * @param found copies that match their original's vPDQ or the mirrored one the bank stores beside it
     * @param querySharePercent mean share of the copy's frames that matched its original (the better orientation)
     */
    public record ClassRecall(VideoAlteration alteration, int copies, int found, int foundPlain,
                              double querySharePercent) {

        public double recall() {
            return copies == 0 ? 1 : (double) found / copies;
        }

        public double plainRecall() {
            return copies == 0 ? 1 : (double) foundPlain / copies;
        }
    }

    public int copies() {
        return classes.stream().mapToInt(ClassRecall::copies).sum();
    }

    public double falseMatchRate() {
        return copies() == 0 ? 0 : (double) copiesWithWrongMatch / copies();
    }

    public double originalFalseMatchRate() {
        return originals == 0 ? 0 : (double) originalsMatchingAnother / originals;
    }
}
