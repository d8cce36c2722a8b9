package io.takedown.signals.vpdq;

import io.takedown.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict reader for the one JSON shape vPDQ exchange strings take: an array of strings. Standard
 * escapes are honoured; anything else (numbers, objects, nesting, trailing text) is refused with its
 * position, so a malformed partner file cannot smuggle structure past validation.
 */
final class JsonStrings {

    private JsonStrings() {
    }

    static List<String> parseArray(String json) {
        List<String> items = new ArrayList<>();
        int[] at = {skip(json, 0)};
        expect(json, at, '[');
        at[0] = skip(json, at[0]);
        if (peek(json, at[0]) == ']') {
            at[0]++;
        } else {
            while (true) {
                at[0] = skip(json, at[0]);
                items.add(string(json, at));
                at[0] = skip(json, at[0]);
                char next = peek(json, at[0]);
                at[0]++;
                if (next == ']') {
                    break;
                }
                if (next != ',') {
                    throw error(at[0] - 1, "expected ',' or ']'");
                }
            }
        }
        if (skip(json, at[0]) != json.length()) {
            throw error(at[0], "text after the array");
        }
        return items;
    }

    private static String string(String json, int[] at) {
        expect(json, at, '"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at[0] >= json.length()) {
                throw error(at[0], "unterminated string");
            }
            char c = json.charAt(at[0]++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error(at[0] - 1, "control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at[0] >= json.length()) {
                throw error(at[0], "unterminated escape");
            }
            char e = json.charAt(at[0]++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at[0] + 4 > json.length()) {
                        throw error(at[0], "short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(json.substring(at[0], at[0] + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error(at[0], "bad \\u escape");
                    }
                    at[0] += 4;
                }
                default -> throw error(at[0] - 1, "unknown escape \\" + e);
            }
        }
    }

    private static void expect(String json, int[] at, char wanted) {
        if (peek(json, at[0]) != wanted) {
            throw error(at[0], "expected '" + wanted + "'");
        }
        at[0]++;
    }

    private static char peek(String json, int at) {
        return at < json.length() ? json.charAt(at) : '\0';
    }

    private static int skip(String json, int at) {
        while (at < json.length() && (json.charAt(at) == ' ' || json.charAt(at) == '\t' || json.charAt(at) == '\n'
                || json.charAt(at) == '\r')) {
            at++;
        }
        return at;
    }

    private static InvalidInputException error(int position, String message) {
        return new InvalidInputException("vpdq exchange string at character " + (position + 1), message);
    }
}
