package io.takedown.infra.resurfacing;

import io.takedown.signals.Signal;
import java.util.List;

/**
 * The platform's matching service as resurfacing needs it: which entries of which bank some content's
 * signals match. Kept this small so the watch does not depend on how matching is built.
 */
public interface ContentMatcher {

    /** A matched bank entry: its bank, its signal and the distance in that signal's unit. */
    record Hit(String bank, long entryId, Signal entrySignal, int distance) {
    }

    List<Hit> match(List<Signal> signals);
}
