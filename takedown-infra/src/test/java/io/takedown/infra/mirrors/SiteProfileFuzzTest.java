package io.takedown.infra.mirrors;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.infra.observe.FaviconHash;
import io.takedown.infra.observe.SiteObservation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Observed pages are hostile input: any markup and any favicon bytes give a profile and a comparison,
 * never a crash, and a site compared with itself shares its template fully.
 */
class SiteProfileFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyPageProfilesAndCompares(FuzzedDataProvider data) {
        byte[] favicon = data.consumeBytes(512);
        String html = data.consumeRemainingAsString();
        SiteObservation site = new SiteObservation("x.test", Instant.EPOCH, Optional.empty(), Optional.empty(),
                List.of(new SiteObservation.PageObservation("http://x.test/", 200, html)),
                List.of(new SiteObservation.AssetObservation("http://x.test/favicon.ico", "favicon", "image/x-icon",
                        favicon.length, "f", OptionalInt.of(FaviconHash.of(favicon)))), Optional.empty());
        SiteProfile profile = SiteProfile.of(site);
        if (!profile.template().isEmpty() && MirrorDetector.jaccard(profile.template(), profile.template()) != 1.0) {
            throw new IllegalStateException("a template differs from itself");
        }
        new MirrorDetector().propose(List.of(new MirrorDetector.KnownSite("x.test", "o1")), List.of(site, new SiteObservation(
                "y.test", Instant.EPOCH, Optional.empty(), Optional.empty(), site.pages(), site.assets(), Optional.empty())));
    }
}
