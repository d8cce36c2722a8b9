package io.takedown.audit.tlog;

import io.takedown.core.InvalidInputException;
import java.util.Base64;
import java.util.List;

/**
 * The body of a C2SP {@code tlog-checkpoint}: origin, tree size and base64 root hash, one per line
 * (extension lines are refused: nothing here uses them and the spec advises against them).
 */
public record Checkpoint(String origin, long size, byte[] root) {

    public Checkpoint {
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new InvalidInputException("checkpoint", "origin must be one non-empty line");
        }
        if (size < 0) {
            throw new InvalidInputException("checkpoint", "negative tree size");
        }
        if (root.length != Merkle.HASH_SIZE) {
            throw new InvalidInputException("checkpoint", "root hash must have 32 bytes, has " + root.length);
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    public String rootBase64() {
        return Base64.getEncoder().encodeToString(root);
    }

    public String text() {
        return origin + "\n" + size + "\n" + rootBase64() + "\n";
    }

    /** The checkpoint a verified note carries. */
    public static Checkpoint of(Note note) {
        return parse(note.text());
    }

    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new InvalidInputException("checkpoint", "text does not end with a newline");
        }
        List<String> lines = List.of(text.substring(0, text.length() - 1).split("\n", -1));
        if (lines.size() < 3) {
            throw new InvalidInputException("checkpoint", "needs origin, size and root hash lines");
        }
        if (lines.size() > 3) {
            throw new InvalidInputException("checkpoint", "extension lines are not accepted");
        }
        String sizeLine = lines.get(1);
        if (!sizeLine.matches("0|[1-9][0-9]{0,18}")) {
            throw new InvalidInputException("checkpoint", "tree size must be a decimal without leading zeroes: '"
                    + Note.abbreviate(sizeLine) + "'");
        }
        long size;
        try {
            size = Long.parseLong(sizeLine);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("checkpoint", "tree size out of range");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines.get(2));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("checkpoint", "root hash is not base64");
        }
        if (!Base64.getEncoder().encodeToString(root).equals(lines.get(2))) {
            throw new InvalidInputException("checkpoint", "root hash is not canonical base64");
        }
        if (size == 0 && !Merkle.equal(root, Merkle.emptyRoot())) {
            throw new InvalidInputException("checkpoint", "an empty tree must have the empty root hash");
        }
        return new Checkpoint(lines.get(0), size, root);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
                && Merkle.equal(root, that.root);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return origin + " @ " + size + " " + rootBase64();
    }
}
