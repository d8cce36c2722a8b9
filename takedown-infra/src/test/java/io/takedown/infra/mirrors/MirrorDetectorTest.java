package io.takedown.infra.mirrors;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.infra.observe.SiteObservation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MirrorDetectorTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    private static SiteObservation site(String host, String html, int favicon, String... assets) {
        List<SiteObservation.AssetObservation> observed = new java.util.ArrayList<>();
        observed.add(new SiteObservation.AssetObservation("http://" + host + "/favicon.ico", "favicon", "image/png", 10,
                "fav" + favicon, OptionalInt.of(favicon)));
        for (String asset : assets) {
            observed.add(new SiteObservation.AssetObservation("http://" + host + "/a", "stylesheet", "text/css", 10, asset,
                    OptionalInt.empty()));
        }
        return new SiteObservation(host, AT, Optional.of("127.0.10.1"), Optional.empty(),
                List.of(new SiteObservation.PageObservation("http://" + host + "/", 200, html)), observed, Optional.empty());
    }

    private static String page(String analytics, String text) {
        return "<html><head><script>var analytics='" + analytics + "';</script></head><body><div class=\"a\"><h1>"
                + text + "</h1><ul><li>one</li><li>two</li></ul></div></body></html>";
    }

    @Test
    void propose_sharedTrackingIdAndFavicon_proposeWithEvidence_unrelatedSiteNot() {
        String text = "the river festival opens on saturday with music and food for everyone in town";
        List<SiteObservation> sites = List.of(
                site("main.test", page("UA-123456-1", text), 11, "css1"),
                site("copy.test", page("UA-123456-1", text), 11, "css1"),
                site("other.test", page("UA-999999-1", "a shop selling garden tools and seeds at fair prices all year"), 22));
        List<MirrorProposal> proposals = new MirrorDetector().propose(
                List.of(new MirrorDetector.KnownSite("main.test", "o1")), sites);
        assertThat(proposals).extracting(MirrorProposal::host).containsExactly("copy.test");
        MirrorProposal copy = proposals.getFirst();
        assertThat(copy.outlet()).isEqualTo("o1");
        assertThat(copy.confidence()).isGreaterThan(0.99);
        assertThat(copy.evidence()).extracting(Evidence::kind).contains(Evidence.Kind.SHARED_ANALYTICS_ID,
                Evidence.Kind.SHARED_FAVICON, Evidence.Kind.SHARED_ASSET, Evidence.Kind.TEMPLATE_SIMILARITY,
                Evidence.Kind.SHARED_TEXT);
    }

    @Test
    void propose_aStockFaviconOnManySites_weighsLittle() {
        List<SiteObservation> sites = new java.util.ArrayList<>();
        sites.add(site("main.test", page("UA-1000-1", "alpha beta gamma delta epsilon zeta"), 7));
        for (int i = 0; i < 30; i++) {
            sites.add(site("s" + i + ".test", page("UA-2" + i + "00-1", "site number " + i + " sells things nobody needs"), 7));
        }
        assertThat(new MirrorDetector().propose(List.of(new MirrorDetector.KnownSite("main.test", "o1")), sites)).isEmpty();
    }

    @Property(tries = 100)
    void profile_anyPageText_neverThrows(@ForAll String html) {
        SiteProfile profile = SiteProfile.of(site("x.test", html, 1));
        assertThat(profile.host()).isEqualTo("x.test");
    }
}
