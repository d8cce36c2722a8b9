package io.takedown.monitor.capture;

import io.takedown.monitor.crawl.Extracted;
import io.takedown.monitor.crawl.Link;
import io.takedown.monitor.evidence.EvidenceRef;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierEntry;
import io.takedown.monitor.packages.ArchiveEntry;
import io.takedown.monitor.packages.PackageInfo;
import io.takedown.monitor.packages.PackageReader;
import io.takedown.monitor.packages.SafeUnzip;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extension and app packages found on a site: the manifest's id, version, permissions, update URLs and
 * hosts go into the package capture's signals, every bundled file becomes a hashed child capture, and the
 * URLs it names are followed when in scope.
 */
public final class PackageChannel implements ChannelReader {

    private final PackageReader reader;

    public PackageChannel(PackageReader reader) {
        this.reader = reader;
    }

    @Override
    public boolean accepts(Extracted extracted) {
        return extracted.kind().equals("package");
    }

    @Override
    public Contents read(FrontierEntry entry, byte[] body, EvidenceRef ref, long cycle, ContentSignals signals) {
        String name = entry.url().substring(entry.url().lastIndexOf('/') + 1);
        Optional<String> kind = PackageReader.kindOf(name, body);
        if (kind.isEmpty()) {
            return new Contents(Map.of(), List.of(), List.of());
        }
        PackageInfo info;
        try {
            info = reader.read(kind.get(), body);
        } catch (SafeUnzip.ArchiveException e) {
            return new Contents(Map.of("error", kind.get() + ": " + e.getMessage()), List.of(), List.of());
        }
        Map<String, String> own = new LinkedHashMap<>();
        own.put("package_kind", info.kind());
        info.id().ifPresent(v -> own.put("package_id", v));
        info.name().ifPresent(v -> own.put("package_name", v));
        info.version().ifPresent(v -> own.put("package_version", v));
        if (!info.permissions().isEmpty()) {
            own.put("permissions", String.join(" ", info.permissions()));
        }
        if (!info.updateUrls().isEmpty()) {
            own.put("update_urls", String.join(" ", info.updateUrls()));
        }
        if (!info.hosts().isEmpty()) {
            own.put("hosts", String.join(" ", info.hosts().stream().sorted().toList()));
        }
        if (!info.problems().isEmpty()) {
            own.put("error", String.join("; ", info.problems()));
        }
        List<CaptureRow> children = new ArrayList<>();
        Instant now = Instant.now();
        for (ArchiveEntry file : info.entries()) {
            if (file.refused().isPresent()) {
                continue;
            }
            String type = Children.sniff(file.content(), file.path());
            children.add(Children.row(entry, ref, cycle, file.path(), type, file.content().length,
                    signals.of(file.content(), type, Optional.empty(), file.path()), "package", now));
        }
        List<Link> links = info.urls().stream().map(u -> new Link(u, "package")).toList();
        return new Contents(own, children, links);
    }
}
