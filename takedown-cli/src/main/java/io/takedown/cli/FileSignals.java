package io.takedown.cli;

import io.takedown.signals.DigestHasher;
import io.takedown.signals.ImageHasher;
import io.takedown.signals.SignalRegistry;
import io.takedown.signals.SignalType;
import io.takedown.signals.TextHasher;
import io.takedown.signals.hashing.FileHasher;
import io.takedown.signals.hashing.FileHashes;
import io.takedown.signals.hashing.FolderHashing;
import io.takedown.signals.hashing.FolderWalk;
import io.takedown.signals.hashing.HashTarget;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.text.LanguageIdentifier;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Hashing files for the commands that need their signals (hash, bank add, match). */
final class FileSignals {

    private FileSignals() {
    }

    /**
     * File signal types, or the named subset in registry order. By default every file signal except digests
     * that only rename another for one content type ({@code video_md5} is {@code md5} of a video's bytes).
     */
    static List<SignalType> types(List<String> names, CommandSpec spec) {
        List<SignalType> fileTypes = SignalRegistry.discover().all().stream()
                .filter(t -> t instanceof DigestHasher || t instanceof ImageHasher || t instanceof TextHasher
                        || t instanceof io.takedown.signals.VideoHasher)
                .toList();
        if (names == null || names.isEmpty()) {
            return fileTypes.stream().filter(t -> !(t instanceof DigestHasher)
                    || t.contentTypes().contains(io.takedown.signals.ContentType.FILE)).toList();
        }
        for (String name : names) {
            if (fileTypes.stream().noneMatch(t -> t.name().equals(name))) {
                throw new ParameterException(spec.commandLine(), "unknown file signal '" + name + "'; known: "
                        + String.join(",", fileTypes.stream().map(SignalType::name).toList()));
            }
        }
        return fileTypes.stream().filter(t -> names.contains(t.name())).toList();
    }

    static FileHasher hasher(List<SignalType> types) {
        LanguageIdentifier languages = new LanguageIdentifier();
        return new FileHasher(types, new ImageDecoder(), languages::identify);
    }

    /**
     * The seven rotated and flipped PDQ hashes of an image file, by transform label, for matching copies
     * that were mirrored or turned; empty when the file has no PDQ or cannot be decoded.
     */
    static java.util.Map<String, io.takedown.signals.pdq.PdqHash> dihedralVariants(FileHashes file,
            ImageDecoder decoder, io.takedown.signals.pdq.PdqImageHashing hashing) {
        if (!file.signals().containsKey("pdq")) {
            return java.util.Map.of();
        }
        try {
            java.util.Map<String, io.takedown.signals.pdq.PdqHash> variants = new java.util.LinkedHashMap<>();
            hashing.hashDihedral(decoder.decode(Path.of(file.path()))).forEach((transform, result) -> {
                if (transform != io.takedown.signals.pdq.Dihedral.ORIGINAL) {
                    variants.put(transform.label(), result.hash());
                }
            });
            return variants;
        } catch (io.takedown.signals.media.ImageDecodingException e) {
            return java.util.Map.of();
        }
    }

    /**
     * The robust PDQ hashes of an image file by label ({@code RobustHashing}): for a query, its unframed,
     * core, panel, span, middle and turned-back hashes; for banked media, its pixel orientations, unframed,
     * core, centre, middle and panels. Empty when the file has no PDQ or cannot be decoded.
     */
    static java.util.Map<String, io.takedown.signals.pdq.PdqResult> robustVariants(FileHashes file, boolean bankSide,
            ImageDecoder decoder, io.takedown.signals.robust.RobustHashing hashing) {
        if (!file.signals().containsKey("pdq")) {
            return java.util.Map.of();
        }
        try {
            var image = decoder.decode(Path.of(file.path()));
            return bankSide ? hashing.bankVariants(image) : hashing.queryVariants(image);
        } catch (io.takedown.signals.media.ImageDecodingException e) {
            return java.util.Map.of();
        }
    }

    /** Hashes every file under {@code paths} on all cores, in path order, with a progress bar on a terminal. */
    static int hash(List<Path> paths, List<String> names, boolean progress, CommandSpec spec,
                    Consumer<FileHashes> sink) {
        return hash(paths, hasher(types(names, spec)), Runtime.getRuntime().availableProcessors(), progress, sink);
    }

    /** Same, with a given hasher and thread count; returns how many files (and unreadable paths) there were. */
    static int hash(List<Path> paths, FileHasher hasher, int threads, boolean progress, Consumer<FileHashes> sink) {
        List<HashTarget> targets = FolderWalk.expand(paths);
        try (Progress bar = Progress.start("Hashing", targets.size(), progress)) {
            new FolderHashing(hasher, threads).hashAll(targets, result -> {
                sink.accept(result);
                bar.step();
            });
        }
        return targets.size();
    }
}
