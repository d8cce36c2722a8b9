package io.takedown.signals.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads what an MP4/MOV (ISO base media) file declares about its first video track, from the box headers
 * and the {@code moov} box only, so that absurd sizes, durations and frame counts, and files cut short, are
 * refused before any decoder runs. Every length is checked against the file and against its parent box;
 * a file that is not ISO base media yields nothing (FFmpeg's probe decides).
 */
final class Mp4Header {

    /** Larger movie headers are refused: 64 MiB indexes millions of frames. */
    static final long MAX_MOOV_BYTES = 64L << 20;
    private static final int MAX_TOP_LEVEL_BOXES = 100_000;

    /**
     * What the header says.
     *
     * @param seconds the movie's duration ({@code mvhd}), or the track's when the movie gives none
     * @param frames the video track's sample count ({@code stsz}), when present
     */
    record Declared(int width, int height, double seconds, OptionalLong frames) {
    }

    private Mp4Header() {
    }

    /**
     * @return the first video track's declaration, or empty when this is not an ISO base media file
     * @throws VideoDecodingException when the file is cut short, a length is impossible, or there is no video
     */
    static Optional<Declared> read(SeekableByteChannel file, String source) throws IOException {
        long size = file.size();
        ByteBuffer header = ByteBuffer.allocate(16);
        if (!readAt(file, 0, header, 8) || !isIsoType(header.getInt(4))) {
            return Optional.empty();
        }
        long position = 0;
        ByteBuffer moov = null;
        for (int count = 0; position < size; count++) {
            if (count > MAX_TOP_LEVEL_BOXES) {
                throw new VideoDecodingException(source, "more than " + MAX_TOP_LEVEL_BOXES + " top-level boxes");
            }
            if (size - position < 8) {
                throw new VideoDecodingException(source, "truncated: " + (size - position)
                        + " stray bytes after the last box");
            }
            readAt(file, position, header, 16);
            long boxSize = Integer.toUnsignedLong(header.getInt(0));
            int type = header.getInt(4);
            int headerSize = 8;
            if (boxSize == 1) {
                if (size - position < 16) {
                    throw new VideoDecodingException(source, "truncated in the header of box " + name(type));
                }
                boxSize = header.getLong(8);
                headerSize = 16;
            } else if (boxSize == 0) {
                boxSize = size - position;
            }
            if (boxSize < headerSize) {
                throw new VideoDecodingException(source, "box " + name(type) + " declares an impossible size of "
                        + boxSize + " bytes");
            }
            if (boxSize > size - position) {
                throw new VideoDecodingException(source, "truncated: box " + name(type) + " at byte " + position
                        + " declares " + boxSize + " bytes but the file ends after " + (size - position));
            }
            if (type == fourCc("moov") && moov == null) {
                long contentSize = boxSize - headerSize;
                if (contentSize > MAX_MOOV_BYTES) {
                    throw new VideoDecodingException(source, "movie header of " + contentSize
                            + " bytes is over the limit of " + MAX_MOOV_BYTES);
                }
                moov = ByteBuffer.allocate((int) contentSize);
                if (!readAt(file, position + headerSize, moov, (int) contentSize)) {
                    throw new VideoDecodingException(source, "truncated in the movie header");
                }
            }
            position += boxSize;
        }
        if (moov == null) {
            throw new VideoDecodingException(source, "no movie header (moov box): truncated or incomplete file");
        }
        return Optional.of(parseMovie(moov, source));
    }

    private static Declared parseMovie(ByteBuffer moov, String source) {
        double movieSeconds = Double.NaN;
        ByteBuffer mvhd = child(moov, "mvhd", source);
        if (mvhd != null) {
            movieSeconds = duration(mvhd, 12, 20, source);
        }
        for (ByteBuffer trak : children(moov, "trak", source)) {
            ByteBuffer mdia = child(trak, "mdia", source);
            ByteBuffer hdlr = mdia == null ? null : child(mdia, "hdlr", source);
            if (hdlr == null || hdlr.limit() < 12 || hdlr.getInt(8) != fourCc("vide")) {
                continue;
            }
            ByteBuffer mdhd = child(mdia, "mdhd", source);
            double trackSeconds = mdhd == null ? Double.NaN : duration(mdhd, 12, 20, source);
            ByteBuffer stbl = descend(mdia, source, "minf", "stbl");
            int width = 0;
            int height = 0;
            OptionalLong frames = OptionalLong.empty();
            if (stbl != null) {
                ByteBuffer stsd = child(stbl, "stsd", source);
                // Full box (4) + entry count (4) + the first sample entry's box header (8), reserved (6),
                // data reference (2), pre-defined and reserved (16), then width and height as 16-bit.
                if (stsd != null && stsd.limit() >= 8 + 8 + 24 + 4) {
                    width = Short.toUnsignedInt(stsd.getShort(8 + 8 + 24));
                    height = Short.toUnsignedInt(stsd.getShort(8 + 8 + 24 + 2));
                }
                ByteBuffer stsz = child(stbl, "stsz", source);
                if (stsz != null && stsz.limit() >= 12) {
                    frames = OptionalLong.of(Integer.toUnsignedLong(stsz.getInt(8)));
                }
            }
            if (width == 0 || height == 0) {
                ByteBuffer tkhd = child(trak, "tkhd", source);
                if (tkhd != null) {
                    int offset = tkhd.get(0) == 1 ? 88 : 76;
                    if (tkhd.limit() >= offset + 8) {
                        width = tkhd.getInt(offset) >>> 16;
                        height = tkhd.getInt(offset + 4) >>> 16;
                    }
                }
            }
            double seconds = Double.isNaN(movieSeconds) || movieSeconds == 0 ? trackSeconds : movieSeconds;
            return new Declared(width, height, seconds, frames);
        }
        throw new VideoDecodingException(source, "no video track in the movie header");
    }

    /** Version 0 has 32-bit times from {@code offset0}, version 1 64-bit ones from {@code offset1}. */
    private static double duration(ByteBuffer box, int offset0, int offset1, String source) {
        if (box.limit() < 4) {
            return Double.NaN;
        }
        boolean wide = box.get(0) == 1;
        int at = wide ? offset1 : offset0;
        if (box.limit() < at + (wide ? 12 : 8)) {
            return Double.NaN;
        }
        long timescale = Integer.toUnsignedLong(box.getInt(at));
        long units = wide ? box.getLong(at + 4) : Integer.toUnsignedLong(box.getInt(at + 4));
        if (timescale == 0) {
            return Double.NaN;
        }
        if (units < 0 || (!wide && units == 0xffffffffL) || (wide && units == -1L)) {
            return Double.NaN; // "unknown" by convention
        }
        return (double) units / timescale;
    }

    private static ByteBuffer descend(ByteBuffer box, String source, String... path) {
        ByteBuffer current = box;
        for (String type : path) {
            current = current == null ? null : child(current, type, source);
        }
        return current;
    }

    private static ByteBuffer child(ByteBuffer parent, String type, String source) {
        java.util.List<ByteBuffer> found = children(parent, type, source, 1);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static java.util.List<ByteBuffer> children(ByteBuffer parent, String type, String source) {
        return children(parent, type, source, Integer.MAX_VALUE);
    }

    /** The contents of child boxes of one type; lengths are checked against the parent. */
    private static java.util.List<ByteBuffer> children(ByteBuffer parent, String type, String source, int most) {
        java.util.List<ByteBuffer> found = new java.util.ArrayList<>();
        int wanted = fourCc(type);
        int position = 0;
        int limit = parent.limit();
        while (position + 8 <= limit && found.size() < most) {
            long boxSize = Integer.toUnsignedLong(parent.getInt(position));
            int boxType = parent.getInt(position + 4);
            int headerSize = 8;
            if (boxSize == 1) {
                if (position + 16 > limit) {
                    throw new VideoDecodingException(source, "box " + name(boxType) + " is cut short");
                }
                boxSize = parent.getLong(position + 8);
                headerSize = 16;
            } else if (boxSize == 0) {
                boxSize = limit - position;
            }
            if (boxSize < headerSize || boxSize > limit - position) {
                throw new VideoDecodingException(source, "box " + name(boxType) + " declares " + boxSize
                        + " bytes, more than its parent holds");
            }
            if (boxType == wanted) {
                found.add(parent.slice(position + headerSize, (int) boxSize - headerSize));
            }
            position += (int) boxSize;
        }
        return found;
    }

    private static boolean readAt(SeekableByteChannel file, long position, ByteBuffer buffer, int length)
            throws IOException {
        buffer.clear().limit(length);
        file.position(position);
        while (buffer.hasRemaining()) {
            if (file.read(buffer) < 0) {
                break;
            }
        }
        boolean complete = !buffer.hasRemaining();
        buffer.flip();
        return complete;
    }

    private static boolean isIsoType(int type) {
        return type == fourCc("ftyp") || type == fourCc("moov") || type == fourCc("mdat") || type == fourCc("wide")
                || type == fourCc("free") || type == fourCc("skip");
    }

    static int fourCc(String type) {
        return (type.charAt(0) << 24) | (type.charAt(1) << 16) | (type.charAt(2) << 8) | type.charAt(3);
    }

    private static String name(int type) {
        StringBuilder name = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (type >>> shift) & 0xff;
            name.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return "'" + name + "'";
    }
}
