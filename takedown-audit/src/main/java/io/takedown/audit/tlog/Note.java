package io.takedown.audit.tlog;

import io.takedown.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, and one or more signature lines. Parsing is
 * strict (valid UTF-8, no control characters but newline, well-formed signature lines, bounded size and
 * signature count); verification follows the spec: signatures by unknown keys are ignored, a known key's
 * failing signature rejects the note, and at least one known key must have signed.
 */
public record Note(String text, List<NoteSignature> signatures) {

    /** Far above any checkpoint with its cosignatures; bounds what a hostile peer can make us parse. */
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_SIGNATURES = 100;

    public Note {
        if (!text.endsWith("\n")) {
            throw new InvalidInputException("note", "the text must end with a newline");
        }
        signatures = List.copyOf(signatures);
    }

    public String format() {
        StringBuilder out = new StringBuilder(text).append('\n');
        for (NoteSignature signature : signatures) {
            out.append(signature.line()).append('\n');
        }
        return out.toString();
    }

    public Note withSignature(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        if (!all.contains(signature)) {
            all.add(signature);
        }
        return new Note(text, all);
    }

    /** Signs {@code text} with {@code signer}. */
    public static Note sign(String text, NoteSigner signer) {
        return new Note(text, List.of(signer.sign(text)));
    }

    public static Note parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("note", "larger than " + MAX_BYTES + " bytes");
        }
        String all;
        try {
            all = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("note", "not valid UTF-8");
        }
        return parse(all);
    }

    public static Note parse(String all) {
        if (all.length() > MAX_BYTES) {
            throw new InvalidInputException("note", "larger than " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new InvalidInputException("note", "control character 0x" + Integer.toHexString(c) + " at " + i);
            }
            if (Character.isSurrogate(c) && !validSurrogateAt(all, i)) {
                throw new InvalidInputException("note", "unpaired surrogate at " + i);
            }
        }
        if (!all.endsWith("\n")) {
            throw new InvalidInputException("note", "does not end with a newline");
        }
        int split = all.lastIndexOf("\n\n");
        if (split < 0) {
            throw new InvalidInputException("note", "no blank line before the signatures");
        }
        String text = all.substring(0, split + 1);
        String block = all.substring(split + 2);
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            if (line.isEmpty()) {
                continue; // the split leaves one empty piece after the final newline
            }
            if (signatures.size() == MAX_SIGNATURES) {
                throw new InvalidInputException("note", "more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(parseSignatureLine(line));
        }
        if (signatures.isEmpty()) {
            throw new InvalidInputException("note", "no signature lines");
        }
        return new Note(text, signatures);
    }

    /** Parses {@code — name base64}; also used for a witness's answer, which is signature lines only. */
    public static NoteSignature parseSignatureLine(String line) {
        if (!line.startsWith("\u2014 ")) {
            throw new InvalidInputException("note", "signature line does not start with an em dash and a space: "
                    + abbreviate(line));
        }
        String rest = line.substring(2);
        int space = rest.indexOf(' ');
        if (space <= 0 || space != rest.lastIndexOf(' ')) {
            throw new InvalidInputException("note", "signature line is not '— name signature': " + abbreviate(line));
        }
        String name = rest.substring(0, space);
        checkKeyName(name);
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("note", "signature is not base64: " + abbreviate(line));
        }
        if (payload.length < 5) {
            throw new InvalidInputException("note", "signature shorter than a key ID and one byte");
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        int keyId = buffer.getInt();
        byte[] signature = new byte[buffer.remaining()];
        buffer.get(signature);
        return new NoteSignature(name, keyId, signature);
    }

    /** Key names are non-empty and hold no Unicode space and no plus sign. */
    public static void checkKeyName(String name) {
        if (name.isEmpty()) {
            throw new InvalidInputException("note", "empty key name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidInputException("note", "key name contains a space or '+': " + abbreviate(name));
            }
        }
    }

    /**
     * The verifiers among {@code known} whose signature is on this note and verifies. Unknown signatures are
     * ignored; a signature that matches a known key by name and ID but does not verify rejects the note.
     *
     * @throws InvalidInputException when a known key's signature fails, or no known key signed
     */
    public List<NoteVerifier> verify(List<NoteVerifier> known) {
        List<NoteVerifier> verified = new ArrayList<>();
        for (NoteSignature signature : signatures) {
            for (NoteVerifier verifier : known) {
                if (verifier.matches(signature)) {
                    if (!verifier.verify(text, signature)) {
                        throw new InvalidInputException("note", "signature by " + verifier.name() + " ("
                                + verifier.keyIdHex() + ") does not verify");
                    }
                    if (!verified.contains(verifier)) {
                        verified.add(verifier);
                    }
                }
            }
        }
        if (verified.isEmpty()) {
            throw new InvalidInputException("note", "not signed by any trusted key");
        }
        return verified;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    static String abbreviate(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return CharBuffer.wrap(shown).toString();
    }
}
