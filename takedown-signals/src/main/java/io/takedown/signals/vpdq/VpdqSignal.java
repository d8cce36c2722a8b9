package io.takedown.signals.vpdq;

import io.takedown.signals.ContentType;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import io.takedown.signals.VideoHasher;
import io.takedown.signals.video.VideoDecoder;
import java.util.List;
import java.util.Set;

/**
 * vPDQ of a video: PDQ of one frame a second, in python-threatexchange's exchange form. Survives
 * re-encoding, resizing, mild crops, trimming (a trimmed copy's frames are a subset) and, when enough frames
 * still match, logo overlays. It does not survive mirroring (no dihedral variants per frame), heavy crops,
 * speed changes that move frames off the one-second grid for moving content, or picture-in-picture.
 *
 * <p>{@link #distance} is the share of the first video's usable frames that have no match in the second,
 * 0-100 (so the ecosystem's "80 % of the query's frames match" is a distance of at most 20).
 */
public final class VpdqSignal implements SignalType, VideoHasher {

    public static final String NAME = "vpdq";
    /** 100 minus the ecosystem's 80 % query-match threshold. */
    public static final int DEFAULT_MATCH_DISTANCE = 20;

    private static final ThreadLocal<VpdqHasher> HASHER = ThreadLocal.withInitial(VpdqHasher::new);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ContentType> contentTypes() {
        return Set.of(ContentType.VIDEO);
    }

    /** Either text form in, the exchange form out. */
    @Override
    public String validate(String value) {
        return VpdqHash.parse(value).toExchange();
    }

    @Override
    public int distance(String a, String b) {
        VpdqComparison.Result result = VpdqComparison.DEFAULT.compare(VpdqHash.parse(a), VpdqHash.parse(b));
        return (int) Math.ceil(100 - result.queryMatchPercent() - 1e-9);
    }

    @Override
    public Signal hash(VideoDecoder.Video video) {
        return Signal.of(NAME, HASHER.get().hash(video, VpdqHasher.DEFAULT_SECONDS_PER_HASH).toExchange());
    }

    @Override
    public List<String> examples() {
        return List.of("[\"d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22,100,0.0\", "
                + "\"d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b23,100,1.0\"]", "[]");
    }
}
