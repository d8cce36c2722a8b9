package io.takedown.cli;

import io.takedown.cli.output.OutputFormat;
import io.takedown.cli.output.RowWriter;
import io.takedown.core.InvalidInputException;
import io.takedown.signals.hashing.MediaTypeSniffer;
import io.takedown.signals.video.VideoDecoder;
import io.takedown.signals.vpdq.ClipSearch;
import io.takedown.signals.vpdq.VpdqHash;
import io.takedown.signals.vpdq.VpdqHasher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code takedown video ...}: vPDQ in the reference tool's form, and finding a clip in longer videos. */
final class VideoCommands {

    private VideoCommands() {
    }

    @Command(name = "video", description = "Video signals: vPDQ frame hashes and clip search (needs FFmpeg).",
            subcommands = {Hash.class, Find.class})
    static final class VideoCommand {
    }

    @Command(name = "hash", description = {
        "Print a video's vPDQ: one line per hashed frame, frame,quality,pdq_hex,seconds, as Meta's",
        "vpdq-hash-video writes it (or python-threatexchange's exchange string with --format exchange)."})
    static final class Hash implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The video.")
        Path file;
        @Option(names = "--seconds-per-hash", paramLabel = "S", defaultValue = "1",
                description = "Seconds between hashed frames (default ${DEFAULT-VALUE}, as HMA hashes).")
        double secondsPerHash;
        @Option(names = "--every-frame", description = "Hash every frame (same as --seconds-per-hash 0).")
        boolean everyFrame;
        @Option(names = "--format", defaultValue = "lines", paramLabel = "FORMAT",
                description = "lines or exchange (default ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() {
            VpdqHash hash = new VpdqHasher().hash(new VideoDecoder().open(file), everyFrame ? 0 : secondsPerHash);
            PrintWriter out = spec.commandLine().getOut();
            switch (format.toLowerCase(Locale.ROOT)) {
                case "lines" -> out.print(hash.toLines());
                case "exchange" -> out.println(hash.toExchange());
                default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--format is lines or exchange, not '" + format + "'");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "find", description = {
        "Find which videos contain a clip, and where: the clip's one-a-second vPDQ is compared with each",
        "source as HMA compares videos (80 % of the clip's frames within 31 bits), and matching sources are",
        "searched with the clip's every-frame vPDQ for its start and end time.",
        "A SOURCE is a video, or a text file holding a vPDQ in either form (from 'video hash')."})
    static final class Find implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CLIP", description = "The clip.")
        Path clip;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "SOURCE", description = "Longer videos or their vPDQ.")
        List<Path> sources;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                converter = HashCommand.FormatConverter.class, description = "csv, jsonl or table (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Override
        public Integer call() {
            VideoDecoder decoder = new VideoDecoder();
            VpdqHasher hasher = new VpdqHasher();
            VideoDecoder.Video video = decoder.open(clip);
            VpdqHash perSecond = hasher.hash(video, VpdqHasher.DEFAULT_SECONDS_PER_HASH);
            VpdqHash everyFrame = hasher.hash(video, 0);
            Map<String, VpdqHash> hashed = new LinkedHashMap<>();
            for (Path source : sources) {
                hashed.put(source.toString(), load(source, decoder, hasher));
            }
            List<ClipSearch.Hit> hits = new ClipSearch().search(perSecond, everyFrame, hashed);
            try (RowWriter table = format.open(spec.commandLine().getOut(), List.of("source", "match",
                    "clip_frames_found", "source_frames_found", "starts_at", "ends_at"))) {
                for (ClipSearch.Hit hit : hits) {
                    table.row(Arrays.asList(hit.source(), hit.comparison().match() ? "yes" : "no",
                            percent(hit.comparison().queryMatchPercent()), percent(hit.comparison().comparedMatchPercent()),
                            hit.location().map(l -> clock(l.offsetSeconds())).orElse(null),
                            hit.location().map(l -> clock(l.endSeconds())).orElse(null)));
                }
            }
            return hits.stream().anyMatch(h -> h.comparison().match()) ? ExitCodes.OK : ExitCodes.NOT_FOUND;
        }

        private static VpdqHash load(Path source, VideoDecoder decoder, VpdqHasher hasher) {
            try {
                byte[] prefix = new byte[MediaTypeSniffer.PREFIX_BYTES];
                int length;
                try (var in = Files.newInputStream(source)) {
                    length = in.readNBytes(prefix, 0, prefix.length);
                }
                String type = new MediaTypeSniffer().sniff(prefix, length, source.getFileName().toString());
                if (MediaTypeSniffer.isVideo(type)) {
                    return hasher.hash(decoder.open(source), VpdqHasher.DEFAULT_SECONDS_PER_HASH);
                }
                if (Files.size(source) > 64L << 20) {
                    throw new InvalidInputException(source.toString(), "neither a video nor a vPDQ text file");
                }
                try {
                    return VpdqHash.parse(Files.readString(source));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(source.toString(), "neither a video nor a vPDQ: " + e.getMessage(), e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
        }

        private static String percent(double value) {
            return String.format(Locale.ROOT, "%.0f %%", value);
        }

        /** {@code 1:23.4}. */
        static String clock(double seconds) {
            long tenths = Math.round(Math.max(0, seconds) * 10);
            return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
        }
    }
}
