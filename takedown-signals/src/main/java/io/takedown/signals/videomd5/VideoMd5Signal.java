package io.takedown.signals.videomd5;

import io.takedown.signals.ContentType;
import io.takedown.signals.HexDigestSignalType;
import java.util.List;
import java.util.Set;

/**
 * MD5 of a video file's bytes under the name python-threatexchange and HMA exchange it as ({@code video_md5}).
 * Like HMA, it hashes whatever file is handed over as a video, without looking: it equals {@code md5} of the
 * same bytes, so {@code takedown hash} computes it only when asked. Finds byte-identical re-uploads only:
 * any re-encoding, trim or container rewrite changes it; {@code vpdq} is the perceptual one.
 */
public final class VideoMd5Signal extends HexDigestSignalType {

    public static final String NAME = "video_md5";

    public VideoMd5Signal() {
        super(NAME, "MD5", 32, Set.of(ContentType.VIDEO));
    }

    @Override
    public List<String> examples() {
        return List.of("d41d8cd98f00b204e9800998ecf8427e", "0123456789abcdef0123456789abcdef");
    }
}
