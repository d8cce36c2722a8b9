package io.takedown.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.audit.AuditEntry;
import io.takedown.audit.tlog.Merkle;
import io.takedown.audit.tlog.TlogProof;
import io.takedown.banks.NewEntry;
import io.takedown.cases.Item;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.evidence.EvidenceKey;
import io.takedown.monitor.evidence.EvidenceService;
import io.takedown.monitor.evidence.WaczVerifier;
import io.takedown.range.Article;
import io.takedown.range.Images;
import io.takedown.range.Outlet;
import io.takedown.range.RangeClock;
import io.takedown.range.RangeServer;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.signals.Signal;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import io.takedown.signals.pdq.PdqResult;
import io.takedown.store.Database;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crawl whose hits become case items, exported as signed WACZ packages and verified. */
class EvidenceExportTest {

    @TempDir
    static Path temp;
    static MonitorFixture fixture;
    static EvidenceService evidence;
    static long caseId;
    static long itemId;

    @BeforeAll
    static void crawlWithAHit() throws Exception {
        World world = World.generate(7, RangeSize.SMALL);
        fixture = new MonitorFixture(Database.open("jdbc:sqlite:" + temp.resolve("t.db")), temp.resolve("warcs"),
                Channels.readers());
        Outlet outlet = world.outlets().getFirst();
        fixture.monitor.addOutlet(outlet.name(), List.of("http://" + outlet.primaryDomain() + "/"), outlet.domains(),
                Optional.of("NL-IRU"));
        Article banked = world.article(outlet, 2);
        PdqResult pdq = new PdqImageHashing().hash(new ImageDecoder().decode(Images.png(Images.original(world, banked)),
                banked.id()));
        fixture.banks.createBank("b", "test", false, OptionalInt.empty(), OptionalInt.empty(), "ana");
        fixture.banks.add("b", List.of(NewEntry.of(new Signal("pdq", pdq.hash().toHex(), OptionalInt.of(pdq.quality())),
                Set.of("behaviour:glorification"), banked.id())), "ana");
        try (RangeServer range = new RangeServer(world, RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"))).start()) {
            CrawlSummary summary = fixture.monitor.crawlOnce(CrawlRequest.of(Route.resolver(range::resolve),
                    CrawlSettings.RANGE).as(fixture.analyst));
            assertThat(summary.caseItems()).isPositive();
        }
        caseId = fixture.cases.cases(fixture.analyst).getFirst().id();
        itemId = fixture.monitor.store().itemsOfCase(caseId).getFirst();
        evidence = new EvidenceService(fixture.monitor.store(), temp.resolve("warcs"), temp.resolve("keys"),
                fixture.cases, fixture.audit, fixture.clock);
    }

    @Test
    void exportItem_hitWithEvidenceRef_writesSignedWaczThatVerifies() throws Exception {
        Item item = fixture.cases.viewItem(fixture.analyst, itemId);
        assertThat(item.captureRef()).hasValueSatisfying(ref -> assertThat(ref).startsWith("warc:"));
        assertThat(item.labels()).contains("bank:b", "behaviour:glorification");

        Path wacz = temp.resolve("item.wacz");
        EvidenceService.Export export = evidence.exportItem(fixture.analyst, itemId, wacz);

        WaczVerifier.Report report = evidence.verify(wacz, Optional.of(evidence.publicKey()));
        assertThat(report.problems()).isEmpty();
        assertThat(report.signedBy()).contains(export.publicKey());
        try (FileSystem zip = FileSystems.newFileSystem(wacz)) {
            assertThat(Files.readString(zip.getPath("pages/pages.jsonl"))).contains(item.url());
            assertThat(Files.readString(zip.getPath("indexes/index.cdxj"))).contains(item.url());
            assertThat(Files.readString(zip.getPath("datapackage.json"))).contains("\"wacz_version\" : \"1.1.1\"",
                    "captureAuditSeq");
            // The package carries the capture's audit entry with an inclusion proof a court checks offline.
            var items = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(
                    zip.getPath("datapackage.json"))).path("takedown").path("items");
            TlogProof proof = TlogProof.parse(items.get(0).path("captureAuditProof").asText());
            byte[] leaf = proof.extra().orElseThrow();
            assertThat(proof.verify(Merkle.leafHash(leaf), List.of(fixture.audit.verifier(fixture.monitor.store()
                    .database()))).size()).isGreaterThan(proof.index());
            assertThat(AuditEntry.fromLeafData(leaf)).hasValueSatisfying(e -> assertThat(e.action()).contains("capture"));
        }
    }

    @Test
    void exportCase_everyItem_verifies() {
        Path wacz = temp.resolve("case.wacz");
        EvidenceService.Export export = evidence.exportCase(fixture.analyst, caseId, wacz);
        assertThat(export.items()).isEqualTo(fixture.monitor.store().itemsOfCase(caseId).size());
        assertThat(evidence.verify(wacz, Optional.empty()).ok()).isTrue();
    }

    @Test
    void verify_tamperedWarc_namesTheFile() throws Exception {
        Path wacz = temp.resolve("tampered.wacz");
        evidence.exportItem(fixture.analyst, itemId, wacz);
        rewrite(wacz, "archive/data.warc.gz", bytes -> {
            bytes[bytes.length / 2] ^= 1;
            return bytes;
        });
        WaczVerifier.Report report = evidence.verify(wacz, Optional.empty());
        assertThat(report.problems()).extracting(WaczVerifier.Problem::file).containsExactly("archive/data.warc.gz");
    }

    @Test
    void verify_otherSigner_isRefused() throws Exception {
        Path wacz = temp.resolve("other.wacz");
        evidence.exportItem(fixture.analyst, itemId, wacz);
        WaczVerifier.Report report = evidence.verify(wacz, Optional.of(EvidenceKey.ephemeral().publicKeyBase64()));
        assertThat(report.problems()).extracting(WaczVerifier.Problem::file).containsExactly("datapackage-digest.json");
    }

    @Test
    void verify_rewrittenDatapackage_failsItsDigestAndSignature() throws Exception {
        Path wacz = temp.resolve("rewritten.wacz");
        evidence.exportItem(fixture.analyst, itemId, wacz);
        rewrite(wacz, "datapackage.json", bytes -> new String(bytes).replace("Item", "Itex").getBytes());
        WaczVerifier.Report report = evidence.verify(wacz, Optional.empty());
        assertThat(report.problems()).extracting(WaczVerifier.Problem::file).contains("datapackage.json");
    }

    private static void rewrite(Path wacz, String entry, java.util.function.UnaryOperator<byte[]> change) throws Exception {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + wacz.toUri()), Map.of())) {
            Path path = zip.getPath(entry);
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readAllBytes();
            }
            try (OutputStream out = Files.newOutputStream(path)) {
                out.write(change.apply(bytes));
            }
        }
    }
}
