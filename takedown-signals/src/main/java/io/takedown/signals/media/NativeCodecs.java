package io.takedown.signals.media;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native codecs that loaded in this process, found once. A codec is left out, with the reason kept for
 * {@link #unavailable()}, when the runtime is older than Java 22 (its class file does not load), when its
 * library is not installed, or when {@code -Dtakedown.decoders=java} asks for the pure-Java decoders only.
 */
public final class NativeCodecs {

    private static final Logger LOG = LoggerFactory.getLogger(NativeCodecs.class);
    private static final NativeCodecs INSTANCE = load();

    private final List<NativeImageCodec> codecs;
    private final List<String> unavailable;

    private NativeCodecs(List<NativeImageCodec> codecs, List<String> unavailable) {
        this.codecs = List.copyOf(codecs);
        this.unavailable = List.copyOf(unavailable);
    }

    /** The codecs of this process. */
    public static NativeCodecs installed() {
        return INSTANCE;
    }

    public List<NativeImageCodec> codecs() {
        return codecs;
    }

    /** Why each codec that is not in use did not load, one sentence each. */
    public List<String> unavailable() {
        return unavailable;
    }

    private static NativeCodecs load() {
        List<NativeImageCodec> loaded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if ("java".equalsIgnoreCase(System.getProperty("takedown.decoders", ""))) {
            missing.add("native decoders turned off (-Dtakedown.decoders=java)");
            return new NativeCodecs(loaded, missing);
        }
        Iterator<NativeImageCodec> providers = ServiceLoader.load(NativeImageCodec.class,
                NativeCodecs.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                NativeImageCodec codec = providers.next();
                loaded.add(codec);
                LOG.debug("native image codec in use: {}", codec.library());
            } catch (ServiceConfigurationError | LinkageError e) {
                String reason = reason(e);
                missing.add(reason);
                LOG.debug("native image codec not in use: {}", reason);
            }
        }
        if (loaded.isEmpty() && missing.isEmpty() && Runtime.version().feature() < 22) {
            missing.add("native decoders need Java 22+ (running " + Runtime.version() + ")");
        }
        return new NativeCodecs(loaded, missing);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnsupportedClassVersionError) {
            return "native decoders need Java 22+ (running " + Runtime.version() + ")";
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
