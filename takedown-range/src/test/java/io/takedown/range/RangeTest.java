package io.takedown.range;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.takedown.signals.media.ImageDecoder;
import io.takedown.signals.pdq.PdqImageHashing;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void sameSeedGivesAByteIdenticalWorld_otherSeedsDiffer() throws Exception {
        new RangeExporter(World.generate(42, RangeSize.SMALL)).export(first, n -> { });
        new RangeExporter(World.generate(42, RangeSize.SMALL)).export(second, n -> { });
        Map<String, String> a = digests(first);
        assertThat(a).hasSizeGreaterThan(200);
        assertThat(digests(second)).isEqualTo(a);
        Path third = Files.createTempDirectory("range-43");
        new RangeExporter(World.generate(43, RangeSize.SMALL)).export(third, n -> { });
        assertThat(digests(third)).isNotEqualTo(a);
    }

    @Test
    void groundTruthIsConsistent_everyImageHashes_andCopiesAreNearUnlessHard() throws Exception {
        World world = World.generate(7, RangeSize.SMALL);
        new RangeExporter(world).export(first, n -> { });
        JsonNode meta = JSON.readTree(first.resolve("world.json").toFile());
        assertThat(meta.path("synthetic").asBoolean()).isTrue();
        Set<String> providers = new HashSet<>();
        meta.path("providers").forEach(p -> {
            providers.add(p.path("id").asText());
            assertThat(p.path("address").asText()).startsWith("127.");
        });
        Map<String, String> domainOwner = new HashMap<>();
        meta.path("domains").fields().forEachRemaining(e -> domainOwner.put(e.getKey(), e.getValue().asText()));
        Map<String, JsonNode> articles = new HashMap<>();
        List<JsonNode> items = Files.readAllLines(first.resolve("items.jsonl")).stream().map(RangeTest::json).toList();
        assertThat((long) items.size()).isEqualTo(RangeSize.SMALL.items());
        ImageDecoder decoder = new ImageDecoder();
        PdqImageHashing hashing = new PdqImageHashing();
        int hard = 0;
        int imageCopies = 0;
        for (JsonNode item : items) {
            assertThat(domainOwner.get(item.path("domain").asText())).isEqualTo(item.path("outlet").asText());
            assertThat(providers).contains(item.path("provider").asText());
            if (item.path("kind").asText().equals("article")) {
                articles.put(item.path("id").asText(), item);
            }
        }
        for (JsonNode item : items) {
            String kind = item.path("kind").asText();
            if (kind.equals("article")) {
                Path media = site(item.path("media_url").asText());
                var hash = hashing.hash(decoder.decode(media));
                assertThat(hash.hash().toHex()).isEqualTo(item.path("pdq").asText());
                assertThat(hash.quality()).isGreaterThanOrEqualTo(50);
                continue;
            }
            JsonNode original = articles.get(item.path("original").asText());
            assertThat(original).as("copy %s names an existing original", item.path("id").asText()).isNotNull();
            assertThat(item.path("outlet").asText()).isEqualTo(original.path("outlet").asText());
            if (kind.equals("image-copy")) {
                imageCopies++;
                var copyHash = hashing.hash(decoder.decode(site(item.path("media_url").asText())));
                int distance = copyHash.hash().hammingDistance(
                        io.takedown.signals.pdq.PdqHash.fromHex(original.path("pdq").asText()));
                assertThat(distance).isEqualTo(item.path("pdq_distance").asInt());
                assertThat(item.path("beyond_threshold").asBoolean()).isEqualTo(distance > 31);
                Transform transform = Transform.valueOf(item.path("transform").asText().toUpperCase(java.util.Locale.ROOT));
                assertThat(item.path("hard").asBoolean()).isEqualTo(transform.hard());
                if (transform.hard()) {
                    hard++;
                }
            } else {
                assertThat(item.path("text_distance").asInt()).as(item.toString()).isLessThan(50);
            }
        }
        assertThat(hard).as("hard evasions are the exception").isLessThan(imageCopies * 4 / 10);
    }

    @Test
    void servesTheWorldOnLoopbackOnly_andProvidersActOnNoticesInRangeTime() throws Exception {
        World world = World.generate(42, RangeSize.SMALL);
        RangeClock clock = RangeClock.manual(Instant.parse("2026-03-01T09:00:00Z"));
        try (RangeServer server = new RangeServer(world, clock).start()) {
            for (InetSocketAddress address : server.boundAddresses()) {
                assertThat(address.getAddress().isLoopbackAddress()).isTrue();
            }
            RangeHttpClient client = new RangeHttpClient(server::resolve);
            Outlet outlet = world.outlets().getFirst();
            Article article = world.article(outlet, 3);
            assertThat(client.get(article.url()).status()).isEqualTo(200);
            assertThat(client.get(article.url()).text()).contains(article.title().replace("'", "&#39;").split(" ")[0]);
            assertThat(client.get(article.imageUrl()).body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            assertThat(client.get("http://" + outlet.primaryDomain() + "/robots.txt").text()).contains("Sitemap:");
            assertThat(client.get("http://" + outlet.primaryDomain() + "/articles/99999.html").status()).isEqualTo(404);
            Copy copy = world.copies(article).getFirst();
            assertThat(client.get(copy.mediaUrl()).status()).isEqualTo(200);

            String providerId = outlet.providers().getFirst();
            Provider provider = world.provider(providerId);
            RangeHttpClient.Response notice = client.post(server.noticeEndpoint(providerId).toString(),
                    "application/json", ("{\"url\":\"" + article.url() + "\",\"kind\":\"order\"}").getBytes());
            assertThat(notice.status()).isEqualTo(202);
            JsonNode answer = JSON.readTree(notice.body());
            assertThat(client.get(article.url()).status()).as("not removed before range time passes").isEqualTo(200);
            clock.advance(Duration.ofHours(4));
            int after = client.get(article.url()).status();
            switch (provider.behaviour()) {
                case COMPLIES_FAST, COMPLIES_LATE, REHOSTS -> assertThat(after).isEqualTo(410);
                case IGNORES -> assertThat(answer.path("status").asText()).isEqualTo("ignored");
                case ASKS_CLARIFICATION -> assertThat(answer.path("status").asText()).isEqualTo("clarification-needed");
            }
        }
    }

    private Path site(String url) {
        URI uri = URI.create(url);
        return first.resolve("sites").resolve(uri.getHost()).resolve(uri.getPath().substring(1));
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(file).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return out;
    }
}
