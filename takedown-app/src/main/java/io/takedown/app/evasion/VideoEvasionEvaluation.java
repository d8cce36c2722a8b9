package io.takedown.app.evasion;

import io.takedown.range.video.RangeVideo;
import io.takedown.range.video.VideoAlteration;
import io.takedown.range.video.VideoCopy;
import io.takedown.range.video.VideoRange;
import io.takedown.signals.pdq.Dihedral;
import io.takedown.signals.video.Ffmpeg;
import io.takedown.signals.video.VideoDecoder;
import io.takedown.signals.vpdq.VpdqComparison;
import io.takedown.signals.vpdq.VpdqHash;
import io.takedown.signals.vpdq.VpdqHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Recall of vPDQ per video alteration on a range world's videos. Every original is encoded and hashed one
 * frame a second, as HMA hashes, together with its mirrored vPDQ (what a bank holding the video stores beside
 * it); every altered copy is made from the original's file, hashed the same way and compared with every
 * original as python-threatexchange compares videos ({@link VpdqComparison#DEFAULT}: frames of quality 50 or
 * more, a frame matches within 31 bits, a video when 80 % of the query's frames do). A copy is found when it
 * matches its own original, and counts as a false match when it matches any other; every original is also
 * compared with all the others.
 */
public final class VideoEvasionEvaluation {

    private static final Set<Dihedral> BANKED = Set.of(Dihedral.ORIGINAL, Dihedral.FLIP_Y);

    private final VpdqComparison comparison = VpdqComparison.DEFAULT;
    private final VideoDecoder decoder = new VideoDecoder();
    private final ThreadLocal<VpdqHasher> hashers = ThreadLocal.withInitial(VpdqHasher::new);

    /** An original's banked vPDQ: as it is and mirrored. */
    private record Banked(VpdqHash plain, VpdqHash mirrored) {
    }

    /**
     * Evaluates {@code range}, writing its videos under {@code work} (an empty folder the caller removes or
     * keeps); the ground truth goes to {@code work/ground-truth.jsonl}.
     */
    public VideoEvasionFigures evaluate(VideoRange range, Path work, EvasionEvaluation.Listener listener) {
        long started = System.nanoTime();
        List<RangeVideo> originals = range.originals();
        Path originalsDir = directory(work.resolve("originals"));
        Path copiesDir = directory(work.resolve("copies"));
        AtomicLong frames = new AtomicLong();
        Map<String, Banked> banked = new ConcurrentHashMap<>();
        listener.begin("Encoding and hashing original videos", originals.size());
        originals.parallelStream().forEach(video -> {
            Path file = run(() -> range.encode(video, originalsDir.resolve(video.id() + ".mp4")));
            Map<Dihedral, VpdqHash> hashes = hashers.get().hash(decoder.open(file), VpdqHasher.DEFAULT_SECONDS_PER_HASH,
                    BANKED);
            frames.addAndGet(hashes.get(Dihedral.ORIGINAL).features().size() * 2L);
            banked.put(video.id(), new Banked(hashes.get(Dihedral.ORIGINAL), hashes.get(Dihedral.FLIP_Y)));
            listener.step();
        });
        listener.end();

        List<VideoCopy> copies = originals.stream().flatMap(video -> range.copies(video).stream()).toList();
        writeGroundTruth(work.resolve("ground-truth.jsonl"), copies);
        Map<VideoAlteration, Tally> tallies = new EnumMap<>(VideoAlteration.class);
        for (VideoAlteration alteration : VideoAlteration.values()) {
            tallies.put(alteration, new Tally());
        }
        AtomicInteger wrong = new AtomicInteger();
        listener.begin("Altering and matching copies", copies.size());
        copies.parallelStream().forEach(copy -> {
            RangeVideo original = copy.original();
            Path file = run(() -> range.alter(copy, originalsDir.resolve(original.id() + ".mp4"),
                    copiesDir.resolve(copy.id() + ".mp4")));
            VpdqHash query = hashers.get().hash(decoder.open(file), VpdqHasher.DEFAULT_SECONDS_PER_HASH);
            frames.addAndGet(query.features().size());
            Banked own = banked.get(original.id());
            VpdqComparison.Result plain = comparison.compare(query, own.plain());
            VpdqComparison.Result mirrored = comparison.compare(query, own.mirrored());
            Tally tally = tallies.get(copy.alteration());
            tally.copies.incrementAndGet();
            tally.foundPlain.addAndGet(plain.match() ? 1 : 0);
            tally.found.addAndGet(plain.match() || mirrored.match() ? 1 : 0);
            tally.share.add(Math.max(plain.queryMatchPercent(), mirrored.queryMatchPercent()));
            if (matchesAnother(query, original.id(), banked)) {
                wrong.incrementAndGet();
            }
            listener.step();
        });
        listener.end();

        AtomicInteger originalsMatchingAnother = new AtomicInteger();
        listener.begin("Comparing originals with each other", originals.size());
        originals.parallelStream().forEach(video -> {
            if (matchesAnother(banked.get(video.id()).plain(), video.id(), banked)) {
                originalsMatchingAnother.incrementAndGet();
            }
            listener.step();
        });
        listener.end();

        List<VideoEvasionFigures.ClassRecall> classes = new ArrayList<>();
        tallies.forEach((alteration, tally) -> {
            int n = tally.copies.get();
            if (n > 0) {
                classes.add(new VideoEvasionFigures.ClassRecall(alteration, n, tally.found.get(), tally.foundPlain.get(),
                        tally.share.sum() / n));
            }
        });
        return new VideoEvasionFigures(range.world().seed(), range.world().size().name(), originals.size(), classes,
                frames.get(), wrong.get(), originalsMatchingAnother.get(), Ffmpeg.installed().describe(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private boolean matchesAnother(VpdqHash query, String ownId, Map<String, Banked> banked) {
        for (Map.Entry<String, Banked> entry : banked.entrySet()) {
            if (!entry.getKey().equals(ownId) && (comparison.compare(query, entry.getValue().plain()).match()
                    || comparison.compare(query, entry.getValue().mirrored()).match())) {
                return true;
            }
        }
        return false;
    }

    private static final class Tally {
        final AtomicInteger copies = new AtomicInteger();
        final AtomicInteger found = new AtomicInteger();
        final AtomicInteger foundPlain = new AtomicInteger();
        final DoubleAdder share = new DoubleAdder();
    }

    private static void writeGroundTruth(Path file, List<VideoCopy> copies) {
        StringBuilder lines = new StringBuilder();
        copies.forEach(copy -> lines.append(copy.groundTruthJson()).append('\n'));
        run(() -> Files.writeString(file, lines, StandardCharsets.UTF_8));
    }

    private static Path directory(Path path) {
        return run(() -> Files.createDirectories(path));
    }

    @FunctionalInterface
    private interface Io<T> {
        T call() throws IOException;
    }

    private static <T> T run(Io<T> io) {
        try {
            return io.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
