package io.takedown.banks.matching;

/**
 * Matcher defaults; a bank's own distance overrides the default for that bank.
 *
 * @param pdqDistance default PDQ match distance (31, as HMA and ThreatExchange use)
 * @param minPdqQuality PDQ hashes below this quality neither match nor are indexed (50, as the ecosystem)
 * @param textDistance default text distance, {@code 100 x (1 - similarity)}
 * @param floodMinimum matches of one entry within an hour below which the flood guard never fires
 * @param floodFactor the flood guard fires when an hour's matches exceed this many times the entry's usual
 */
public record MatchSettings(int pdqDistance, int minPdqQuality, int textDistance, int floodMinimum,
                            double floodFactor) {

    public static final MatchSettings DEFAULTS = new MatchSettings(31, 50, 50, 200, 20.0);

    public MatchSettings withMinPdqQuality(int quality) {
        return new MatchSettings(pdqDistance, quality, textDistance, floodMinimum, floodFactor);
    }
}
