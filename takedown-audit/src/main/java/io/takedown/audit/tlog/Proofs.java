package io.takedown.audit.tlog;

import io.takedown.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Base64 hash lines, as proofs carry them. */
final class Proofs {

    private Proofs() {
    }

    static String lines(List<byte[]> hashes) {
        StringBuilder out = new StringBuilder();
        for (byte[] hash : hashes) {
            out.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return out.toString();
    }

    static byte[] hashLine(String line, String what) {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what, "proof line is not base64: '" + Note.abbreviate(line) + "'");
        }
        if (hash.length != Merkle.HASH_SIZE) {
            throw new InvalidInputException(what, "proof line is not a 32-byte hash");
        }
        return hash;
    }

    static long decimal(String text, String what) {
        if (!text.matches("0|[1-9][0-9]{0,18}")) {
            throw new InvalidInputException(what, "not a decimal without leading zeroes: '" + Note.abbreviate(text) + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what, "number out of range");
        }
    }

    static List<byte[]> hashLines(List<String> lines, String what) {
        if (lines.size() > 63) {
            throw new InvalidInputException(what, "more than 63 proof lines");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (String line : lines) {
            hashes.add(hashLine(line, what));
        }
        return hashes;
    }
}
