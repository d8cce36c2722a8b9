package io.takedown.monitor.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.monitor.crawl.ContentExtractor;
import io.takedown.monitor.crawl.Extracted;
import java.net.URI;

/** Any fetched bytes as HTML, RSS, Atom or a sitemap: links (maybe none), never an exception. */
class DocumentFuzzTest {

    private static final ContentExtractor EXTRACTOR = new ContentExtractor();
    private static final String[][] AS = {{"text/html", "/a.html", "link"}, {"application/rss+xml", "/feed.xml", "feed"},
        {"application/atom+xml", "/atom.xml", "feed"}, {"application/xml", "/sitemap.xml", "sitemap"}};

    @FuzzTest(maxDuration = "30s")
    void anyDocumentYieldsLinks(FuzzedDataProvider data) {
        String[] as = AS[data.consumeInt(0, AS.length - 1)];
        Extracted extracted = EXTRACTOR.extract(URI.create("http://outlet.test" + as[1]), as[0],
                data.consumeRemainingAsBytes(), as[2]);
        if (extracted.links().stream().anyMatch(l -> !l.url().regionMatches(true, 0, "http://", 0, 7))) {
            throw new IllegalStateException("non-http link kept");
        }
    }
}
