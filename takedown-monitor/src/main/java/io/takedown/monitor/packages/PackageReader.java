package io.takedown.monitor.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.dongliu.apk.parser.ByteArrayApkFile;
import net.dongliu.apk.parser.bean.ApkMeta;

/**
 * Opens extension and app packages safely ({@link SafeUnzip}), reads their manifests — {@code manifest.json}
 * of WebExtensions (.xpi, .crx after its CRX3 header) and the binary {@code AndroidManifest.xml} of an APK
 * (with the maintained apk-parser library, handed only the manifest and resource table re-packed from the
 * safely read entries, never the hostile archive itself) — and pulls out update URLs, hosts, permissions
 * and every URL its text files name.
 */
public final class PackageReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]+");
    private static final int MAX_TEXT_SCAN = 4 << 20;

    private final SafeUnzip unzip;

    public PackageReader(ArchiveLimits limits) {
        this.unzip = new SafeUnzip(limits);
    }

    public PackageReader() {
        this(ArchiveLimits.DEFAULT);
    }

    /** Which kind a file name or its first bytes say it is, if any. */
    public static Optional<String> kindOf(String name, byte[] bytes) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".crx") || Crx3.looksLikeCrx(bytes)) {
            return Optional.of("crx");
        }
        if (n.endsWith(".xpi")) {
            return Optional.of("xpi");
        }
        if (n.endsWith(".apk")) {
            return Optional.of("apk");
        }
        return Optional.empty();
    }

    /** Reads a package; throws {@link SafeUnzip.ArchiveException} when it is not readable at all. */
    public PackageInfo read(String kind, byte[] bytes) throws SafeUnzip.ArchiveException {
        List<String> problems = new ArrayList<>();
        Optional<String> id = Optional.empty();
        byte[] zip = bytes;
        if (kind.equals("crx")) {
            Crx3 crx;
            try {
                crx = Crx3.parse(bytes);
            } catch (IllegalArgumentException e) {
                throw new SafeUnzip.ArchiveException(e.getMessage());
            }
            zip = crx.zip();
            id = crx.extensionId();
            if (crx.proofs().isEmpty()) {
                problems.add("CRX3 header carries no key proof");
            }
            for (Crx3.Proof proof : crx.proofs()) {
                if (!proof.verified()) {
                    problems.add("CRX3 " + proof.algorithm() + " proof does not verify");
                }
            }
        }
        List<ArchiveEntry> entries = unzip.entries(zip);
        Set<String> urls = new LinkedHashSet<>();
        List<String> permissions = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        Optional<String> name = Optional.empty();
        Optional<String> version = Optional.empty();
        Set<String> hosts = new LinkedHashSet<>();
        if (kind.equals("apk")) {
            Optional<ArchiveEntry> manifest = find(entries, "AndroidManifest.xml");
            if (manifest.isEmpty()) {
                problems.add("no AndroidManifest.xml");
            } else {
                try (ByteArrayApkFile apk = new ByteArrayApkFile(repack(entries))) {
                    ApkMeta meta = apk.getApkMeta();
                    id = Optional.ofNullable(meta.getPackageName());
                    name = Optional.ofNullable(meta.getLabel()).or(() -> Optional.ofNullable(meta.getName()));
                    version = Optional.ofNullable(meta.getVersionName());
                    permissions.addAll(meta.getUsesPermissions());
                    scan(apk.getManifestXml(), urls);
                } catch (IOException | RuntimeException e) {
                    problems.add("AndroidManifest.xml does not parse: " + e.getMessage());
                }
            }
        } else {
            Optional<ArchiveEntry> manifest = find(entries, "manifest.json");
            if (manifest.isEmpty()) {
                problems.add("no manifest.json");
            } else {
                try {
                    JsonNode json = JSON.readTree(manifest.get().content());
                    name = text(json.path("name"));
                    version = text(json.path("version"));
                    for (String field : List.of("permissions", "host_permissions", "optional_permissions")) {
                        json.path(field).forEach(p -> permissions.add(p.asText()));
                    }
                    text(json.path("update_url")).ifPresent(updates::add);
                    JsonNode gecko = json.path("browser_specific_settings").path("gecko");
                    if (gecko.isMissingNode()) {
                        gecko = json.path("applications").path("gecko");
                    }
                    text(gecko.path("update_url")).ifPresent(updates::add);
                    if (id.isEmpty()) {
                        id = text(gecko.path("id"));
                    }
                    text(json.path("homepage_url")).ifPresent(urls::add);
                    json.path("content_scripts").forEach(script -> script.path("matches")
                            .forEach(m -> permissions.add(m.asText())));
                } catch (IOException e) {
                    problems.add("manifest.json does not parse: " + e.getMessage());
                }
            }
        }
        for (ArchiveEntry entry : entries) {
            entry.refused().ifPresent(reason -> problems.add(entry.path() + ": " + reason));
            if (entry.refused().isEmpty() && textual(entry.path())) {
                scan(new String(entry.content(), 0, Math.min(entry.content().length, MAX_TEXT_SCAN),
                        StandardCharsets.UTF_8), urls);
            }
        }
        urls.addAll(updates);
        for (String url : urls) {
            host(url).ifPresent(hosts::add);
        }
        for (String permission : permissions) {
            // host permissions such as "*://*.example.test/*"
            Matcher m = Pattern.compile("^[a-z*]+://(?:\\*\\.)?([^/*]+)").matcher(permission);
            if (m.find()) {
                hosts.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return new PackageInfo(kind, id, name, version, List.copyOf(permissions), List.copyOf(updates),
                List.copyOf(urls), Set.copyOf(hosts), entries, List.copyOf(problems));
    }

    private static Optional<ArchiveEntry> find(List<ArchiveEntry> entries, String path) {
        return entries.stream().filter(e -> e.path().equals(path) && e.refused().isEmpty()).findFirst();
    }

    /** A fresh zip of just what apk-parser needs, from entries already read within limits. */
    private static byte[] repack(List<ArchiveEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ArchiveEntry entry : entries) {
                if (entry.refused().isEmpty()
                        && (entry.path().equals("AndroidManifest.xml") || entry.path().equals("resources.arsc"))) {
                    zip.putNextEntry(new ZipEntry(entry.path()));
                    zip.write(entry.content());
                    zip.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static boolean textual(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".txt") || p.endsWith(".json") || p.endsWith(".js") || p.endsWith(".html")
                || p.endsWith(".htm") || p.endsWith(".xml") && !p.endsWith("androidmanifest.xml") || p.endsWith(".css");
    }

    private static void scan(String text, Set<String> urls) {
        Matcher m = URL.matcher(text);
        while (m.find() && urls.size() < 10_000) {
            String url = m.group().replaceAll("[.,;:)\\]'!]+$", "");
            urls.add(url);
        }
    }

    private static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(URI.create(url).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
