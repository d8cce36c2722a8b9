package io.takedown.signals.hashing;

import io.takedown.signals.DigestHasher;
import io.takedown.signals.ImageHasher;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import io.takedown.signals.TextHasher;
import io.takedown.signals.VideoHasher;
import io.takedown.signals.media.DecodedImage;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.media.ImageDecodingException;
import io.takedown.signals.video.VideoDecoder;
import io.takedown.signals.video.VideoDecodingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Computes the chosen signals of one file. Thread-safe; {@link FolderHashing} runs one per core.
 *
 * <p>The file is read once, in 64 KiB chunks, feeding every digest; the first bytes decide the media type.
 * Images are then decoded (within {@link io.takedown.signals.media.ImageLimits}) for the image signals,
 * videos opened (within {@link io.takedown.signals.video.VideoLimits}) for the video signals, and plain
 * text is read (up to {@link #MAX_TEXT_BYTES}) for the text signals.
 */
public final class FileHasher {

    /** Larger text files are not fingerprinted: they are archives of text, not a post. */
    public static final long MAX_TEXT_BYTES = 16L << 20;

    private final List<SignalType> types;
    private final List<DigestHasher> digestTypes;
    private final List<ImageHasher> imageTypes;
    private final List<TextHasher> textTypes;
    private final List<VideoHasher> videoTypes;
    private final ImageDecoder decoder;
    private final VideoDecoder videoDecoder;
    private final Function<String, Optional<String>> languageIdentifier;
    private final MediaTypeSniffer sniffer = new MediaTypeSniffer();

    /**
     * @param types signals to compute, in output order
     * @param decoder decodes images within its limits
     * @param languageIdentifier ISO 639-1 code of a text, when it can tell
     */
    public FileHasher(List<SignalType> types, ImageDecoder decoder,
                      Function<String, Optional<String>> languageIdentifier) {
        this(types, decoder, new VideoDecoder(), languageIdentifier);
    }

    /**
     * @param videoDecoder opens videos within its limits, with its FFmpeg
     */
    public FileHasher(List<SignalType> types, ImageDecoder decoder, VideoDecoder videoDecoder,
                      Function<String, Optional<String>> languageIdentifier) {
        this.types = List.copyOf(types);
        this.digestTypes = capable(DigestHasher.class);
        this.imageTypes = capable(ImageHasher.class);
        this.textTypes = capable(TextHasher.class);
        this.videoTypes = capable(VideoHasher.class);
        this.decoder = decoder;
        this.videoDecoder = videoDecoder;
        this.languageIdentifier = languageIdentifier;
    }

    public List<SignalType> types() {
        return types;
    }

    public FileHashes hash(Path file, String displayPath) {
        MessageDigest[] digests = new MessageDigest[digestTypes.size()];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = digestTypes.get(i).newDigest();
        }
        byte[] prefix = new byte[MediaTypeSniffer.PREFIX_BYTES];
        int prefixLength = 0;
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                for (MessageDigest digest : digests) {
                    digest.update(buffer, 0, read);
                }
                if (prefixLength < prefix.length) {
                    int copy = Math.min(read, prefix.length - prefixLength);
                    System.arraycopy(buffer, 0, prefix, prefixLength, copy);
                    prefixLength += copy;
                }
                size += read;
            }
        } catch (NoSuchFileException e) {
            return FileHashes.failed(displayPath, "no such file");
        } catch (AccessDeniedException e) {
            return FileHashes.failed(displayPath, "permission denied");
        } catch (IOException e) {
            return FileHashes.failed(displayPath, Files.isDirectory(file) ? "is a directory"
                    : "cannot read: " + e.getMessage());
        }
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        String mediaType = sniffer.sniff(prefix, prefixLength, fileName);
        Map<String, Signal> computed = new LinkedHashMap<>();
        for (int i = 0; i < digests.length; i++) {
            DigestHasher hasher = digestTypes.get(i);
            computed.put(((SignalType) hasher).name(), Signal.of(((SignalType) hasher).name(),
                    hasher.fromDigest(digests[i].digest())));
        }
        List<String> problems = new ArrayList<>();
        Optional<String> language = Optional.empty();

        if (MediaTypeSniffer.isImage(mediaType) && !imageTypes.isEmpty()) {
            try {
                DecodedImage image = decoder.decode(file);
                for (ImageHasher hasher : imageTypes) {
                    Signal signal = hasher.hash(image);
                    computed.put(signal.type(), signal);
                }
            } catch (ImageDecodingException e) {
                problems.add(e.reason());
            }
        }
        if (MediaTypeSniffer.isVideo(mediaType) && !videoTypes.isEmpty()) {
            try {
                VideoDecoder.Video video = videoDecoder.open(file);
                for (VideoHasher hasher : videoTypes) {
                    Signal signal = hasher.hash(video);
                    computed.put(signal.type(), signal);
                }
            } catch (VideoDecodingException e) {
                problems.add(e.reason());
            }
        }
        if (MediaTypeSniffer.isText(mediaType) && !textTypes.isEmpty()) {
            if (size > MAX_TEXT_BYTES) {
                problems.add("text of " + size + " bytes is over the " + MAX_TEXT_BYTES + "-byte limit for text signals");
            } else {
                try {
                    String text = readUtf8(file);
                    for (TextHasher hasher : textTypes) {
                        Signal signal = hasher.hash(text);
                        computed.put(signal.type(), signal);
                    }
                    language = languageIdentifier.apply(text);
                } catch (CharacterCodingException e) {
                    problems.add("text is not valid UTF-8");
                } catch (IOException e) {
                    problems.add("cannot read text: " + e.getMessage());
                }
            }
        }
        Map<String, Signal> ordered = new LinkedHashMap<>();
        for (SignalType type : types) {
            Signal signal = computed.get(type.name());
            if (signal != null) {
                ordered.put(type.name(), signal);
            }
        }
        FileHashes.Status status = problems.isEmpty() ? FileHashes.Status.OK : FileHashes.Status.PARTIAL;
        return new FileHashes(displayPath, mediaType, size, ordered, language, status,
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)));
    }

    private static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private <T> List<T> capable(Class<T> capability) {
        return types.stream().filter(capability::isInstance).map(capability::cast).toList();
    }
}
