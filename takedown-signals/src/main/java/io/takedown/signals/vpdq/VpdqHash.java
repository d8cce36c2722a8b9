package io.takedown.signals.vpdq;

import io.takedown.core.InvalidInputException;
import io.takedown.signals.pdq.PdqHash;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A video's vPDQ: its hashed frames in order, and the two text forms they travel in.
 *
 * <ul>
 *   <li>Lines, as Meta's {@code vpdq-hash-video} writes them: {@code frame,quality,pdq_hex,seconds} with the
 *       time stamp to three decimals, one frame a line.</li>
 *   <li>Exchange, python-threatexchange's and HMA's signal string: a JSON array of
 *       {@code "pdq_hex,quality,seconds"} strings, the time stamp as Python's {@code '.3'} format prints
 *       it. This is Takedown's canonical form (what banks store and export); frame numbers are not in it.</li>
 * </ul>
 */
public record VpdqHash(List<VpdqFeature> features) {

    public VpdqHash {
        features = List.copyOf(features);
    }

    /** The reference tool's file: one {@code frame,quality,hex,seconds} line a frame, each ending in a newline. */
    public String toLines() {
        StringBuilder out = new StringBuilder(features.size() * 80);
        for (VpdqFeature f : features) {
            out.append(f.frameNumber()).append(',').append(f.quality()).append(',').append(f.hash().toHex())
                    .append(',').append(new BigDecimal(f.seconds()).setScale(3, RoundingMode.HALF_EVEN).toPlainString())
                    .append('\n');
        }
        return out.toString();
    }

    /** python-threatexchange's signal string (Python's {@code json.dumps} of the feature strings). */
    public String toExchange() {
        StringBuilder out = new StringBuilder(2 + features.size() * 76);
        out.append('[');
        for (int i = 0; i < features.size(); i++) {
            VpdqFeature f = features.get(i);
            if (i > 0) {
                out.append(", ");
            }
            out.append('"').append(f.hash().toHex()).append(',').append(f.quality()).append(',')
                    .append(PythonFloat.threeSignificant(f.seconds())).append('"');
        }
        return out.append(']').toString();
    }

    /** Either form, told apart by the first character ({@code [} for exchange). */
    public static VpdqHash parse(String text) {
        if (text == null) {
            throw new InvalidInputException(null, "vpdq: no value");
        }
        String trimmed = text.strip();
        return trimmed.startsWith("[") ? parseExchange(trimmed) : parseLines(trimmed);
    }

    /** The reference tool's lines; blank lines are skipped, errors name the line. */
    public static VpdqHash parseLines(String text) {
        List<VpdqFeature> features = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 4) {
                throw new InvalidInputException("vpdq line " + (i + 1),
                        "expected frame,quality,pdq_hex,seconds; got " + fields.length + " fields");
            }
            try {
                features.add(new VpdqFeature(Integer.parseInt(fields[0].strip()), Integer.parseInt(fields[1].strip()),
                        PdqHash.fromHex(fields[2].strip()), Double.parseDouble(fields[3].strip())));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("vpdq line " + (i + 1), describe(e), e);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("vpdq line " + (i + 1), e.reason(), e);
            }
        }
        return new VpdqHash(features);
    }

    /** The exchange form: a JSON array of strings, strictly (no other JSON values). */
    public static VpdqHash parseExchange(String json) {
        List<VpdqFeature> features = new ArrayList<>();
        List<String> items = JsonStrings.parseArray(json);
        for (int i = 0; i < items.size(); i++) {
            String[] fields = items.get(i).split(",", -1);
            if (fields.length != 3) {
                throw new InvalidInputException("vpdq item " + (i + 1),
                        "expected \"pdq_hex,quality,seconds\"; got " + fields.length + " fields");
            }
            try {
                features.add(new VpdqFeature(-1, Integer.parseInt(fields[1].strip()),
                        PdqHash.fromHex(fields[0].strip()), Double.parseDouble(fields[2].strip())));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("vpdq item " + (i + 1), describe(e), e);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("vpdq item " + (i + 1), e.reason(), e);
            }
        }
        return new VpdqHash(features);
    }

    private static String describe(IllegalArgumentException e) {
        String message = e.getMessage();
        return message == null ? "malformed" : message.toLowerCase(Locale.ROOT).startsWith("for input string")
                ? "not a number: " + message.substring(message.indexOf('"')) : message;
    }

    /** The latest time stamp; 0 when empty. */
    public double lastSeconds() {
        return features.stream().mapToDouble(VpdqFeature::seconds).max().orElse(0);
    }
}
