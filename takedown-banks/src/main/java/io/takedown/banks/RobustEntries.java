package io.takedown.banks;

import io.takedown.signals.Signal;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.signals.pdq.PdqSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Bank-side robustness for media a bank holds: beside the entry of the image's PDQ, one variant entry per
 * robust hash ({@code RobustHashing.bankVariants}: the other pixel orientations, the image without its
 * borders, its middle, its panels). A variant carries the original's labels and source, so a copy that
 * matches a variant is reported as the same media; queries pay nothing for it.
 */
public final class RobustEntries {

    private RobustEntries() {
    }

    /** Variant entries of {@code original} (a PDQ entry), one per hash, named by its label. */
    public static List<NewEntry> of(NewEntry original, Map<String, PdqResult> variants) {
        if (!original.signal().type().equals(PdqSignal.NAME)) {
            throw new IllegalArgumentException("robust variants belong to a pdq entry, not " + original.signal().type());
        }
        List<NewEntry> entries = new ArrayList<>(variants.size());
        variants.forEach((label, result) -> entries.add(new NewEntry(
                new Signal(PdqSignal.NAME, result.hash().toHex(), OptionalInt.of(result.quality())),
                original.labels(), original.sourceRef(), original.sourceBank(), original.confidence(),
                original.expiresAt(), java.util.Optional.of(new Variant(label, OptionalLong.empty())))));
        return entries;
    }
}
