package io.takedown.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.banks.NewEntry;
import io.takedown.core.TakedownException;
import io.takedown.monitor.evidence.EvidenceReader;
import io.takedown.monitor.frontier.CaptureQuery;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.ingest.IngestRequest;
import io.takedown.monitor.ingest.IngestSummary;
import io.takedown.range.Outlet;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.evolution.ChannelSite;
import io.takedown.signals.Signal;
import io.takedown.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IngestTest {

    @TempDir
    static Path temp;

    private static final World WORLD = World.generate(42, RangeSize.SMALL);

    static List<TestDatabases.Target> databases() {
        return TestDatabases.fresh(temp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void ingest_newsletterPackageImageAndBadFiles_takesTheGoodMatchesThemAndRefusesTheRest(TestDatabases.Target target)
            throws Exception {
        Outlet outlet = WORLD.outlets().getFirst();
        Path files = Files.createDirectories(temp.resolve("handed-in-" + target.name()));
        int published = WORLD.size().articlesPerOutlet() + 8;
        Path eml = write(files.resolve("issue-1.eml"), served(outlet, published, "/newsletters/issue-1.eml"));
        Path apk = write(files.resolve("app.apk"), served(outlet, published, "/downloads/app.apk"));
        byte[] logoBytes = io.takedown.range.Channels.logo(outlet);
        Path logo = write(files.resolve("logo.png"), logoBytes);
        Path hostile = write(files.resolve("evil.xpi"), zipWithEntry("../../etc/cron.d/x"));
        Path huge = write(files.resolve("huge.bin"), new byte[3 << 20]);
        Path missing = files.resolve("not-there.eml");
        Path folder = Files.createDirectories(files.resolve("a-folder"));

        try (MonitorFixture fixture = new MonitorFixture(target.open(), temp.resolve("warcs-ingest-" + target.name()),
                Channels.readers())) {
            fixture.monitor.addOutlet(outlet.name(), List.of("http://" + outlet.primaryDomain() + "/"), List.of(),
                    Optional.of("NL-IRU"));
            fixture.banks.createBank("logos", "test", false, OptionalInt.empty(), OptionalInt.empty(), "ana");
            fixture.banks.add("logos", List.of(NewEntry.of(Signal.of("md5", md5(logoBytes)), Set.of("outlet-logo"),
                    "logo")), "ana");

            String site = "http://" + outlet.primaryDomain();
            IngestRequest.Source newsletter = new IngestRequest.Source(eml,
                    Optional.of(URI.create(site + "/newsletters/issue-1.eml")));
            List<IngestRequest.Source> sources = List.of(newsletter,
                    new IngestRequest.Source(apk, Optional.of(URI.create(site + "/downloads/app.apk"))),
                    IngestRequest.Source.of(logo), IngestRequest.Source.of(hostile), IngestRequest.Source.of(huge),
                    IngestRequest.Source.of(missing), IngestRequest.Source.of(folder));
            IngestSummary summary = fixture.monitor.ingest(new IngestRequest(outlet.name(), sources,
                    Optional.of(fixture.analyst), 2 << 20, io.takedown.monitor.crawl.CrawlListener.NONE));

            assertThat(summary.captured()).extracting(CaptureRow::url).containsExactly(site + "/newsletters/issue-1.eml",
                    site + "/downloads/app.apk", logo.toUri().toString(), hostile.toUri().toString());
            assertThat(summary.captured()).allSatisfy(c -> {
                assertThat(c.kind()).isEqualTo("resource");
                assertThat(c.auditSeq()).isPresent();
            });
            assertThat(summary.refused()).extracting(IngestSummary.Refused::file).containsExactly(huge, missing, folder);
            assertThat(summary.refused()).extracting(IngestSummary.Refused::reason)
                    .containsExactly("larger than 2097152 bytes; not read", "no such file", "not a regular file");
            assertThat(summary.inside()).isGreaterThan(3); // the message, its attachment, the package's files
            // The logo matches by itself, as the newsletter's attachment and inside the app package; only what
            // has a web address becomes a case item (the logo file was handed in without one).
            assertThat(summary.hits()).isGreaterThanOrEqualTo(3);
            assertThat(summary.caseItems()).isEqualTo(summary.hits() - 1);
            assertThat(fixture.cases.cases(fixture.analyst)).hasSize(1);
            List<CaptureRow> all = fixture.monitor.captures(CaptureQuery.all(), 10_000);
            assertThat(all).filteredOn(c -> c.url().contains("evil.xpi!/") || c.url().endsWith("evil.xpi"))
                    .anySatisfy(c -> assertThat(c.signals().getOrDefault("error", "")
                            + c.signals().getOrDefault("refused", "")).contains("zip-slip"));
            assertThat(all).filteredOn(c -> c.channel().equals("mail") && c.kind().equals("entry")
                    && "image/png".equals(c.mediaType())).isNotEmpty();
            // The evidence holds the file as handed in.
            CaptureRow logoCapture = summary.captured().get(2);
            assertThat(EvidenceReader.payload(temp.resolve("warcs-ingest-" + target.name()), logoCapture.warcFile(),
                    logoCapture.warcOffset())).isEqualTo(logoBytes);

            // The outlet's case exports as a signed WACZ holding the handed-in records, and verifies.
            long caseId = fixture.cases.cases(fixture.analyst).getFirst().id();
            io.takedown.monitor.evidence.EvidenceService evidence = new io.takedown.monitor.evidence.EvidenceService(
                    fixture.monitor.store(), temp.resolve("warcs-ingest-" + target.name()),
                    temp.resolve("keys-ingest-" + target.name()), fixture.cases, fixture.audit, fixture.clock);
            Path wacz = temp.resolve("ingested-" + target.name() + ".wacz");
            assertThat(evidence.exportCase(fixture.analyst, caseId, wacz).items()).isEqualTo(summary.caseItems());
            assertThat(evidence.verify(wacz, Optional.of(evidence.publicKey())).ok()).isTrue();

            // Handed in again: new captures, no second case item for the same content at the same address.
            IngestSummary again = fixture.monitor.ingest(new IngestRequest(outlet.name(), List.of(newsletter),
                    Optional.of(fixture.analyst), 2 << 20, io.takedown.monitor.crawl.CrawlListener.NONE));
            assertThat(again.hits()).isPositive();
            assertThat(again.caseItems()).isZero();
            assertThatThrownBy(() -> new IngestRequest.Source(logo, Optional.of(URI.create("file:///etc/passwd"))))
                    .hasMessageContaining("http(s) URL");

            assertThatThrownBy(() -> fixture.monitor.ingest(IngestRequest.of("no-such-outlet", List.of(logo),
                    Optional.empty()))).isInstanceOf(TakedownException.class).hasMessageContaining("no watched outlet");
        }
    }

    private static byte[] served(Outlet outlet, int published, String path) {
        return ChannelSite.render(WORLD, outlet, published, path).orElseThrow().bytes();
    }

    private static Path write(Path file, byte[] content) throws Exception {
        return Files.write(file, content);
    }

    private static byte[] zipWithEntry(String name) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            out.putArchiveEntry(new ZipArchiveEntry(name));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("manifest.json"));
            out.write("{\"name\":\"x\",\"version\":\"1\",\"manifest_version\":2}".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}
