package io.takedown.signals.vpdq;

import io.takedown.signals.pdq.Dihedral;
import io.takedown.signals.pdq.PdqHasher;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.signals.robust.PixelDihedral;
import io.takedown.signals.video.FrameSampling;
import io.takedown.signals.video.VideoDecoder;
import io.takedown.signals.video.VideoDecodingException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hashes a video's frames as Meta's {@code vpdq-hash-video} does: frame {@code n} is kept when
 * {@code n % (int) (secondsPerHash x frameRate) == 0}, hashed with PDQ at its native size (no 512 x 512
 * reduction, unlike the photo tool) from RGB luma, and stamped {@code n / frameRate} in single precision.
 * Frames smaller than 5 x 5 make the reference fail, and so they do here. One instance per thread.
 */
public final class VpdqHasher {

    /** python-threatexchange and HMA hash one frame a second. */
    public static final double DEFAULT_SECONDS_PER_HASH = 1.0;

    private final PdqImageHashing pdq = new PdqImageHashing();

    /**
     * @param secondsPerHash seconds between hashed frames; 0 hashes every frame
     */
    public VpdqHash hash(VideoDecoder.Video video, double secondsPerHash) {
        return hash(video, secondsPerHash, Set.of(Dihedral.ORIGINAL)).get(Dihedral.ORIGINAL);
    }

    /**
     * The vPDQ of the video in each of {@code orientations}, from one decoding: every kept frame is turned on
     * its pixels ({@link PixelDihedral}) and hashed at its native size. A bank that holds a video stores the
     * mirrored one ({@link Dihedral#FLIP_Y}) beside it, so a mirrored re-upload matches as it is, at one PDQ
     * per kept frame and no cost to queries ({@link Dihedral#ORIGINAL} is the plain vPDQ, bit-exact with Meta's).
     */
    public Map<Dihedral, VpdqHash> hash(VideoDecoder.Video video, double secondsPerHash, Set<Dihedral> orientations) {
        double frameRate = video.info().frameRate();
        if (video.info().width() < PdqHasher.MIN_HASHABLE_DIMENSION
                || video.info().height() < PdqHasher.MIN_HASHABLE_DIMENSION) {
            throw new VideoDecodingException(video.source(), "frames of " + video.info().width() + "x"
                    + video.info().height() + " are too small to hash (at least "
                    + PdqHasher.MIN_HASHABLE_DIMENSION + " a side)");
        }
        FrameSampling sampling = FrameSampling.everySeconds(secondsPerHash, frameRate);
        Map<Dihedral, List<VpdqFeature>> features = new EnumMap<>(Dihedral.class);
        orientations.forEach(orientation -> features.put(orientation, new ArrayList<>()));
        video.frames(sampling, (frameNumber, rgb) -> features.forEach((orientation, list) -> {
            PdqResult result = pdq.hashNativeSize(PixelDihedral.apply(rgb, orientation));
            list.add(new VpdqFeature(Math.toIntExact(frameNumber), result.quality(), result.hash(),
                    VpdqFeature.timestamp(frameNumber, frameRate)));
        }));
        Map<Dihedral, VpdqHash> out = new EnumMap<>(Dihedral.class);
        features.forEach((orientation, list) -> out.put(orientation, new VpdqHash(list)));
        return out;
    }
}
