package io.takedown.cli;

import io.takedown.signals.SignalRegistry;
import io.takedown.signals.SignalType;
import io.takedown.signals.media.NativeCodecs;
import io.takedown.signals.media.NativeImageCodec;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the signal types this build knows. */
@Command(name = "signals", description = "List the signal types and what content each describes.")
final class SignalsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (SignalType type : SignalRegistry.discover().all()) {
            String contents = type.contentTypes().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                    .sorted().collect(Collectors.joining(","));
            out.printf("%-8s %s%n", type.name(), contents);
        }
        NativeCodecs codecs = NativeCodecs.installed();
        out.printf("%nImage decoders: %s%n", codecs.codecs().isEmpty() ? "pure Java"
                : "native " + codecs.codecs().stream().map(NativeImageCodec::library).collect(Collectors.joining(", "))
                        + ", else pure Java");
        codecs.unavailable().forEach(reason -> out.printf("  not in use: %s%n", reason));
        out.printf("Video decoder: %s%n", io.takedown.signals.video.Ffmpeg.installed().describe());
        out.flush();
        return ExitCodes.OK;
    }
}
