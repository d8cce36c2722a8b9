package io.takedown.monitor.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Reads newsletters: single messages (.eml) and mailboxes (mbox, "From " separated, {@code >From}
 * unescaped) with Apache James mime4j, attachments included. Bounded: header count and line length,
 * parts per message, nesting depth, bytes per part and per mailbox. A malformed message yields a message
 * with an error and the others are still read.
 */
public final class MailReader {

    /** Limits on one mailbox. */
    public record Limits(int maxMessages, int maxParts, int maxDepth, long maxPartBytes, long maxTotalBytes) {
        public static final Limits DEFAULT = new Limits(10_000, 200, 8, 32L << 20, 256L << 20);
    }

    private final Limits limits;

    public MailReader(Limits limits) {
        this.limits = limits;
    }

    public MailReader() {
        this(Limits.DEFAULT);
    }

    /** Whether the bytes look like an mbox (starting with a "From " line) rather than one message. */
    public static boolean isMbox(byte[] bytes) {
        return bytes.length > 5 && new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("From ");
    }

    /** Every message of an mbox, or the one message of an .eml. */
    public List<MailMessage> read(byte[] bytes) {
        if (bytes.length > limits.maxTotalBytes()) {
            return List.of(failed(1, bytes, "mailbox of " + bytes.length + " bytes is over the "
                    + limits.maxTotalBytes() + "-byte limit"));
        }
        if (new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1).isBlank()) {
            return List.of(); // an empty mailbox
        }
        List<byte[]> raws = isMbox(bytes) ? splitMbox(bytes) : List.of(bytes);
        List<MailMessage> out = new ArrayList<>();
        int index = 0;
        for (byte[] raw : raws) {
            index++;
            if (index > limits.maxMessages()) {
                out.add(failed(index, new byte[0], "more than " + limits.maxMessages() + " messages; the rest skipped"));
                break;
            }
            out.add(message(index, raw));
        }
        return out;
    }

    private MailMessage message(int index, byte[] raw) {
        MimeConfig config = new MimeConfig.Builder().setMaxHeaderCount(500).setMaxLineLen(100_000)
                .setMaxHeaderLen(100_000).setMaxContentLen(limits.maxPartBytes()).build();
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(config);
        Message message;
        try {
            message = builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (MimeIOException e) {
            return failed(index, raw, "malformed MIME: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return failed(index, raw, "cannot read message: " + e);
        }
        try {
            List<MailPart> parts = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            List<String> problems = new ArrayList<>();
            walk(message, "message-" + index, 0, parts, text, problems);
            return new MailMessage(index, Optional.ofNullable(message.getMessageId()),
                    Optional.ofNullable(message.getFrom()).map(Object::toString),
                    Optional.ofNullable(message.getSubject()), raw, text.toString(), List.copyOf(parts),
                    problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)));
        } catch (RuntimeException e) {
            return failed(index, raw, "malformed message: " + e);
        } finally {
            message.dispose();
        }
    }

    private void walk(Entity entity, String path, int depth, List<MailPart> parts, StringBuilder text,
                      List<String> problems) {
        if (depth > limits.maxDepth()) {
            problems.add(path + ": nested deeper than " + limits.maxDepth() + " levels; not read");
            return;
        }
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            int n = 0;
            for (Entity part : multipart.getBodyParts()) {
                if (parts.size() >= limits.maxParts()) {
                    problems.add(path + ": more than " + limits.maxParts() + " parts; the rest not read");
                    return;
                }
                walk(part, path + "/part-" + (++n), depth + 1, parts, text, problems);
            }
        } else if (body instanceof Message nested) {
            walk(nested, path + "/message", depth + 1, parts, text, problems);
        } else if (body instanceof SingleBody single) {
            byte[] content;
            try (InputStream in = single.getInputStream()) {
                content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxPartBytes() + 1));
            } catch (IOException e) {
                problems.add(path + ": cannot decode: " + e.getMessage());
                return;
            }
            if (content.length > limits.maxPartBytes()) {
                problems.add(path + ": part over " + limits.maxPartBytes() + " bytes; not read");
                return;
            }
            String type = entity.getMimeType() == null ? "application/octet-stream" : entity.getMimeType();
            boolean attachment = entity.getFilename() != null
                    || "attachment".equalsIgnoreCase(entity.getDispositionType())
                    || !(body instanceof TextBody);
            String name = entity.getFilename() == null ? "" : "/" + safeName(entity.getFilename());
            if (!attachment) {
                String charset = entity.getCharset() == null ? "UTF-8" : entity.getCharset();
                String decoded;
                try {
                    decoded = new String(content, java.nio.charset.Charset.forName(charset));
                } catch (RuntimeException e) {
                    decoded = new String(content, StandardCharsets.UTF_8);
                }
                if (type.contains("html")) {
                    decoded = org.jsoup.Jsoup.parse(decoded).text();
                }
                text.append(decoded).append('\n');
            }
            parts.add(new MailPart(path + name, type, content, attachment));
        } else if (body instanceof BinaryBody) {
            problems.add(path + ": unreadable body");
        }
    }

    /** A file name safe to show and to use inside a capture path: no separators, no control characters. */
    static String safeName(String name) {
        String clean = name.replaceAll("[\\\\/\\p{Cntrl}]", "_").replace("..", "_");
        return clean.isBlank() ? "attachment" : clean.substring(0, Math.min(clean.length(), 200));
    }

    private static MailMessage failed(int index, byte[] raw, String reason) {
        return new MailMessage(index, Optional.empty(), Optional.empty(), Optional.empty(), raw, "", List.of(),
                Optional.of(reason));
    }

    /** Splits an mbox at "From " lines that follow a blank line (or start the file); unescapes ">From ". */
    static List<byte[]> splitMbox(byte[] bytes) {
        List<byte[]> messages = new ArrayList<>();
        ByteArrayOutputStream current = null;
        int start = 0;
        boolean previousBlank = true;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int lineEnd = Math.min(end + 1, bytes.length);
            boolean separator = previousBlank && startsWith(bytes, start, "From ");
            if (separator) {
                if (current != null) {
                    messages.add(trimTrailingBlank(current.toByteArray()));
                }
                current = new ByteArrayOutputStream();
            } else if (current != null) {
                int from = start;
                // mboxrd: one '>' less on quoted "From " lines
                int p = start;
                while (p < end && bytes[p] == '>') {
                    p++;
                }
                if (p > start && startsWith(bytes, p, "From ")) {
                    from = start + 1;
                }
                current.write(bytes, from, lineEnd - from);
            }
            int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            previousBlank = contentEnd == start;
            start = lineEnd;
        }
        if (current != null) {
            messages.add(trimTrailingBlank(current.toByteArray()));
        }
        return messages;
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
        if (at + prefix.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] trimTrailingBlank(byte[] message) {
        int end = message.length;
        if (end > 0 && message[end - 1] == '\n') {
            end--;
            if (end > 0 && message[end - 1] == '\r') {
                end--;
            }
        }
        return java.util.Arrays.copyOf(message, end);
    }
}
