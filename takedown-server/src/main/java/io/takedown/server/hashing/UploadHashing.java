package io.takedown.server.hashing;

import io.takedown.core.InvalidInputException;
import io.takedown.signals.DigestHasher;
import io.takedown.signals.ImageHasher;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.SignalType;
import io.takedown.signals.TextHasher;
import io.takedown.signals.hashing.FileHasher;
import io.takedown.signals.hashing.FileHashes;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.text.LanguageIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hashes uploaded bytes with the same {@link FileHasher} as {@code takedown hash}: the upload is spooled to a
 * private temporary file (the hasher streams files and sniffs their type), hashed, and deleted. Content types
 * are HMA's: {@code photo} gets the image signals (PDQ), {@code video} the video signals ({@code video_md5}
 * when this build has it, else the file's MD5), no type means every file signal.
 */
public final class UploadHashing {

    private final SignalRegistry registry;
    private final LanguageIdentifier languages = new LanguageIdentifier();

    public UploadHashing(SignalRegistry registry) {
        this.registry = registry;
    }

    /** Signal types an HMA content type is hashed with; empty when the content type is unknown. */
    public List<SignalType> typesFor(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "photo" -> registry.all().stream().filter(t -> t instanceof ImageHasher).toList();
            case "video" -> registry.find("video_md5").map(List::of)
                    .orElseGet(() -> registry.find("md5").map(List::of).orElse(List.of()));
            case "" -> registry.all().stream()
                    .filter(t -> t instanceof DigestHasher || t instanceof ImageHasher || t instanceof TextHasher).toList();
            default -> List.of();
        };
    }

    /** Every file signal that applies, like one row of {@code takedown hash}; an empty upload is refused. */
    public FileHashes hashAll(InputStream content, String name) {
        FileHashes hashes = spoolAndHash(content, name, typesFor(null));
        if (hashes.size() == 0) {
            throw new InvalidInputException(name, "the upload is empty");
        }
        return hashes;
    }

    /** Signals of the content by signal name; a file that cannot be decoded is a 400-class error. */
    public Map<String, Signal> hash(InputStream content, String name, List<SignalType> types) {
        FileHashes hashes = spoolAndHash(content, name, types);
        if (hashes.status() == FileHashes.Status.FAILED || hashes.signals().isEmpty()) {
            throw new InvalidInputException(name, hashes.error().orElse("nothing could be hashed"));
        }
        Map<String, Signal> out = new LinkedHashMap<>();
        for (SignalType type : types) {
            Signal signal = hashes.signals().get(type.name());
            if (signal == null) {
                throw new InvalidInputException(name, "could not compute " + type.name() + ": "
                        + hashes.error().orElse("unsupported content"));
            }
            out.put(type.name(), signal);
        }
        return out;
    }

    private FileHashes spoolAndHash(InputStream content, String name, List<SignalType> types) {
        Path file = null;
        try {
            file = Files.createTempFile("takedown-upload-", ".bin");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return new FileHasher(types, new ImageDecoder(), languages::identify).hash(file, name);
        } catch (IOException e) {
            throw new InvalidInputException(name, "could not read the upload: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans its temp directory
                }
            }
        }
    }
}
