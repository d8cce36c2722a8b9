package io.takedown.monitor.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.takedown.access.Actor;
import io.takedown.audit.AuditLog;
import io.takedown.audit.tlog.Note;
import io.takedown.cases.CaseService;
import io.takedown.cases.Item;
import io.takedown.core.TakedownException;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evidence packages for case work: a signed WACZ of one item's capture or of every capture in a case,
 * readable by archivists' tools (ReplayWeb.page replays its pages) and checked by {@link #verify}. Reading
 * the items goes through the case service (roles, handling codes, and an audit entry per item); the export
 * itself is audited with the package's digest.
 */
public final class EvidenceService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FrontierStore store;
    private final Path archive;
    private final Path keys;
    private final CaseService cases;
    private final AuditLog audit;
    private final Clock clock;

    public EvidenceService(FrontierStore store, Path archive, Path keys, CaseService cases, AuditLog audit, Clock clock) {
        this.store = store;
        this.archive = archive;
        this.keys = keys;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an export wrote. */
    public record Export(Path file, String packageHash, int items, int records, String publicKey) {
    }

    public Export exportItem(Actor actor, long itemId, Path out) {
        return export(actor, List.of(itemId), "Item " + itemId, "item:" + itemId, out);
    }

    public Export exportCase(Actor actor, long caseId, Path out) {
        List<Long> items = store.itemsOfCase(caseId);
        if (items.isEmpty()) {
            throw new TakedownException(TakedownException.Kind.NOT_FOUND, "case " + caseId
                    + " has no item with a monitor capture");
        }
        return export(actor, items, "Case " + caseId, "case:" + caseId, out);
    }

    private Export export(Actor actor, List<Long> itemIds, String title, String subject, Path out) {
        List<WaczWriter.Source> sources = new ArrayList<>();
        List<WaczWriter.Page> pages = new ArrayList<>();
        ObjectNode metadata = JSON.createObjectNode();
        ObjectNode takedown = metadata.putObject("takedown");
        takedown.put("exportedBy", actor.name()).put("agency", actor.agency()).put("subject", subject);
        ArrayNode listed = takedown.putArray("items");
        // Every item's proof against one checkpoint, read once: the package then names a single tree head.
        Optional<Note> checkpoint = AuditLog.head(store.database());
        for (long itemId : itemIds) {
            Item item = cases.viewItem(actor, itemId);
            String ref = item.captureRef().orElseThrow(() -> new TakedownException(TakedownException.Kind.NOT_FOUND,
                    "item " + itemId + " has no capture reference"));
            EvidenceRef evidence;
            try {
                evidence = EvidenceRef.parse(ref.contains("!") ? ref.substring(0, ref.indexOf('!')) : ref);
            } catch (IllegalArgumentException e) {
                throw new TakedownException(TakedownException.Kind.INVALID_INPUT, "item " + itemId
                        + " carries no WARC capture (" + ref + ")");
            }
            Optional<CaptureRow> capture = store.captureByRecord(evidence.recordId());
            sources.add(new WaczWriter.Source(evidence.file(), evidence.offset()));
            capture.ifPresent(c -> addResources(c, sources));
            pages.add(new WaczWriter.Page(item.url(), capture.map(CaptureRow::fetchedAt).orElse(item.createdAt()),
                    "Item " + itemId + " of case " + item.caseId()));
            ObjectNode entry = listed.addObject();
            entry.put("item", itemId).put("case", item.caseId()).put("url", item.url()).put("evidence", ref);
            // The capture's audit entry with its inclusion proof against the latest signed checkpoint: a court
            // checks it offline ('audit verify-proof') against the agency's published log key, no database.
            capture.flatMap(CaptureRow::auditSeq).ifPresent(seq -> entry.put("captureAuditSeq", seq)
                    .put("captureAuditProof", AuditLog.prove(store.database(), seq, checkpoint).format()));
            capture.ifPresent(c -> entry.put("capturedAt", c.fetchedAt().toString()));
        }
        EvidenceKey key = EvidenceKey.inDirectory(keys);
        Instant now = clock.instant();
        String hash;
        try {
            hash = new WaczWriter().write(archive, sources, pages, title, metadata, key, now,
                    "Takedown evidence export 0.1", out);
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot write " + out + ": " + e.getMessage(), e);
        }
        store.database().inTransaction(connection -> audit.append(connection, actor.name(), actor.agency(),
                "evidence-exported", subject, hash + " " + out.getFileName()));
        return new Export(out, hash, itemIds.size(), sources.size(), key.publicKeyBase64());
    }

    /**
     * The page's own resources (images, feeds it links) from the same cycle, and for a revisit the
     * original response it refers to, so the package replays the page as captured.
     */
    private void addResources(CaptureRow capture, List<WaczWriter.Source> sources) {
        if (capture.kind().equals("revisit")) {
            store.captures(io.takedown.monitor.frontier.CaptureQuery.all().url(capture.url()), 1000).stream()
                    .filter(c -> c.kind().equals("response") && c.payloadDigest().equals(capture.payloadDigest()))
                    .findFirst().ifPresent(c -> sources.add(new WaczWriter.Source(c.warcFile(), c.warcOffset())));
        }
        if (capture.mediaType() == null || !capture.mediaType().contains("html")) {
            return;
        }
        try {
            byte[] body = EvidenceReader.payload(archive, capture.warcFile(), capture.warcOffset());
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    capture.url());
            for (org.jsoup.nodes.Element media : page.select("img[src], video[src], audio[src], source[src], link[href]")) {
                String url = media.absUrl(media.hasAttr("src") ? "src" : "href");
                if (url.isEmpty()) {
                    continue;
                }
                List<CaptureRow> found = store.captures(io.takedown.monitor.frontier.CaptureQuery.all().url(url)
                        .outlet(capture.outletId()), 1000);
                found.stream().filter(c -> c.kind().equals("response")).reduce((a, b) -> b)
                        .ifPresent(c -> sources.add(new WaczWriter.Source(c.warcFile(), c.warcOffset())));
            }
        } catch (IOException e) {
            throw new TakedownException(TakedownException.Kind.IO, "cannot read capture " + capture.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Checks a package; {@code expectedKey} (base64 public key) also pins who signed it. */
    public WaczVerifier.Report verify(Path wacz, Optional<String> expectedKey) {
        return new WaczVerifier().verify(wacz, expectedKey);
    }

    /** The agency's evidence public key, for auditors and courts. */
    public String publicKey() {
        return EvidenceKey.inDirectory(keys).publicKeyBase64();
    }
}
