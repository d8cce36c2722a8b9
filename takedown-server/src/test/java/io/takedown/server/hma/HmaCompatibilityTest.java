package io.takedown.server.hma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.takedown.server.ServerSettings;
import io.takedown.server.TestServer;
import io.takedown.server.hashing.UploadHashing;
import io.takedown.signals.SignalRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the expectations of hasher-matcher-actioner's own API tests (test_api.py, test_api_banks.py,
 * test_match_api.py) against our server: same routes, parameters, status codes and bodies. Where HMA's test
 * builds its index in a separate step, ours follows bank events and needs none.
 */
class HmaCompatibilityTest {

    @TempDir
    Path home;

    private TestServer s;
    private ImageServer images;
    private String token;
    private String pdq1;
    private String pdq2;

    @BeforeEach
    void start() {
        s = TestServer.start(home).withDirectory();
        images = new ImageServer();
        token = s.token("ana");
        UploadHashing hashing = new UploadHashing(SignalRegistry.discover());
        pdq1 = hashing.hash(new ByteArrayInputStream(images.files.get("image1.jpg")), "1", hashing.typesFor("photo"))
                .get("pdq").value();
        pdq2 = hashing.hash(new ByteArrayInputStream(images.files.get("image2.jpg")), "2", hashing.typesFor("photo"))
                .get("pdq").value();
    }

    @AfterEach
    void stop() {
        images.close();
        s.close();
    }

    private TestServer.Response createBank(String name) {
        TestServer.Response response = s.post("/c/banks", token, Map.of("name", name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json()).isEqualTo(json(Map.of("matching_enabled_ratio", 1.0, "name", name)));
        return response;
    }

    private long addImage(String bank, String image) {
        TestServer.Response response = s.post("/c/bank/" + bank + "/content?url=" + images.url(image)
                + "&content_type=photo", token, "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("signals")).isEqualTo(json(Map.of("pdq", image.equals("image1.jpg") ? pdq1 : pdq2)));
        return response.json().path("id").asLong();
    }

    private static JsonNode json(Object value) {
        return io.takedown.server.http.Json.MAPPER.valueToTree(value);
    }

    @Test
    void status_answersLikeHma() {
        assertThat(s.get("/status", null).body()).isEqualTo("I-AM-ALIVE");
        assertThat(s.get("/status/live", null).body()).isEqualTo("I-AM-ALIVE");
    }

    @Test
    void banks_emptyIndex_createValidateList() {
        assertThat(s.get("/c/banks", token).json()).isEqualTo(json(List.of()));
        TestServer.Response numeric = s.post("/c/banks", token, Map.of("name", "01_TEST_BANK"));
        assertThat(numeric.status()).isEqualTo(400);
        assertThat(numeric.json().path("message").asText()).isNotBlank();
        assertThat(s.post("/c/banks", token, Map.of("name", "my_test_bank")).status()).isEqualTo(400);
        TestServer.Response created = createBank("MY_TEST_BANK_01");
        assertThat(s.get("/c/banks", token).json()).isEqualTo(json(List.of(created.json())));
        assertThat(s.post("/c/banks", token, Map.of("name", "MY_TEST_BANK_01")).status()).isEqualTo(403);
    }

    @Test
    void banks_update_renamesAndSetsRatio() {
        createBank("MY_TEST_BANK");
        assertThat(s.put("/c/bank/MY_TEST_BANK", token, "{\"name\": \"1_invalid_name\"}").status()).isEqualTo(400);
        TestServer.Response renamed = s.put("/c/bank/MY_TEST_BANK", token, "{\"name\": \"MY_TEST_BANK_RENAMED\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("MY_TEST_BANK_RENAMED");
        TestServer.Response disabled = s.put("/c/bank/MY_TEST_BANK_RENAMED", token, "{\"enabled\": false}");
        assertThat(disabled.json().path("matching_enabled_ratio").asDouble()).isZero();
        TestServer.Response half = s.put("/c/bank/MY_TEST_BANK_RENAMED", token, "{\"enabled_ratio\": 0.5}");
        assertThat(half.json().path("matching_enabled_ratio").asDouble()).isEqualTo(0.5);
        assertThat(s.get("/c/banks", token).json()).isEqualTo(json(List.of(
                Map.of("name", "MY_TEST_BANK_RENAMED", "matching_enabled_ratio", 0.5))));
        assertThat(s.put("/c/bank/NOPE", token, "{}").status()).isEqualTo(404);
    }

    @Test
    void banks_delete_isIdempotent_andFreesTheName() {
        createBank("MY_TEST_BANK");
        addImage("MY_TEST_BANK", "image1.jpg");
        assertThat(s.delete("/c/bank/MY_TEST_BANK", token).status()).isEqualTo(200);
        assertThat(s.delete("/c/bank/MY_TEST_BANK", token).status()).isEqualTo(200);
        assertThat(s.get("/c/banks", token).json()).isEqualTo(json(List.of()));
        assertThat(s.get("/m/raw_lookup?signal_type=pdq&signal=" + pdq1, token).json())
                .isEqualTo(json(Map.of("matches", List.of())));
        createBank("MY_TEST_BANK");
    }

    @Test
    void content_addGetUpdateDelete() {
        createBank("NEW_BANK");
        long id = addImage("NEW_BANK", "image1.jpg");
        assertThat(id).isEqualTo(1);
        TestServer.Response got = s.get("/c/bank/NEW_BANK/content/" + id, token);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().path("id").asLong()).isEqualTo(id);
        assertThat(got.json().has("signals")).isFalse();
        assertThat(got.json().has("note")).isFalse();
        assertThat(got.json().has("metadata")).isFalse();
        assertThat(s.get("/c/bank/NEW_BANK/content/" + id + "?include_signals=true", token).json().path("signals"))
                .isEqualTo(json(Map.of("pdq", pdq1)));
        long next = Instant.now().plus(365, ChronoUnit.DAYS).getEpochSecond();
        TestServer.Response updated = s.put("/c/bank/NEW_BANK/content/" + id, token, "{\"disable_until_ts\": " + next + "}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("disable_until_ts").asLong()).isEqualTo(next);
        assertThat(s.put("/c/bank/NEW_BANK/content/" + id, token, "{\"disable_until_ts\": 9999999999}").status())
                .isEqualTo(400);
        assertThat(s.delete("/c/bank/NEW_BANK/content/" + id, token).json()).isEqualTo(json(Map.of("deleted", 1)));
        assertThat(s.get("/c/bank/NEW_BANK/content/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void content_missingBankOrContent_is404() {
        assertThat(s.get("/c/bank/TEST_BANK_GET/content/1", token).status()).isEqualTo(404);
        createBank("TEST_BANK_GET");
        TestServer.Response missing = s.get("/c/bank/TEST_BANK_GET/content/1", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("message").asText()).contains("not found");
    }

    @Test
    void content_metadataAndNotes() {
        createBank("NEW_BANK");
        String add = "/c/bank/NEW_BANK/content?url=" + images.url("image1.jpg") + "&content_type=photo";
        assertThat(s.post(add, token, "{\"metadata\": {\"invalid_metadata\": 5}}").status()).isEqualTo(400);
        assertThat(s.post(add, token, "{\"note\": \"" + "x".repeat(256) + "\"}").status()).isEqualTo(400);
        TestServer.Response added = s.post(add, token, "{\"metadata\": {\"content_id\": \"ext-id-123\", "
                + "\"content_uri\": \"https://example.com/item/123\", \"json\": {\"source\": \"test\"}}, "
                + "\"note\": \"Reported by user X\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        long id = added.json().path("id").asLong();
        JsonNode got = s.get("/c/bank/NEW_BANK/content/" + id, token).json();
        assertThat(got.path("metadata").path("content_id").asText()).isEqualTo("ext-id-123");
        assertThat(got.path("metadata").path("json")).isEqualTo(json(Map.of("source", "test")));
        assertThat(got.path("note").asText()).isEqualTo("Reported by user X");
        assertThat(s.get("/c/bank/NEW_BANK/content/" + id + "?include_metadata=false", token).json().has("metadata"))
                .isFalse();
        s.put("/c/bank/NEW_BANK/content/" + id, token, "{\"note\": \"Updated note\"}");
        assertThat(s.get("/c/bank/NEW_BANK/content/" + id, token).json().path("note").asText()).isEqualTo("Updated note");
        s.put("/c/bank/NEW_BANK/content/" + id, token, "{\"note\": \"\"}");
        assertThat(s.get("/c/bank/NEW_BANK/content/" + id, token).json().has("note")).isFalse();

        TestServer.Response hash = s.post("/c/bank/NEW_BANK/signal", token,
                "{\"pdq\": \"" + "0".repeat(64) + "\", \"note\": \"Hash from campaign ABC\"}");
        assertThat(hash.status()).as(hash.body()).isEqualTo(200);
        assertThat(s.get("/c/bank/NEW_BANK/content/" + hash.json().path("id").asLong(), token).json().path("note")
                .asText()).isEqualTo("Hash from campaign ABC");
        assertThat(s.post("/c/bank/NEW_BANK/signal", token, "{\"pdq\": \"banana\"}").status()).isEqualTo(400);
        assertThat(s.post("/c/bank/NEW_BANK/signal", token, "{\"nope\": \"x\"}").status()).isEqualTo(400);
        assertThat(s.post("/c/bank/NEW_BANK/signal", token, "{}").status()).isEqualTo(400);
    }

    @Test
    void rawLookup_findsEachImage_withoutAnIndexBuild() {
        createBank("NEW_BANK");
        createBank("NEW_BANK_2");
        assertThat(addImage("NEW_BANK", "image1.jpg")).isEqualTo(1);
        assertThat(addImage("NEW_BANK", "image2.jpg")).isEqualTo(2);
        assertThat(s.get("/m/raw_lookup?signal_type=pdq&signal=" + pdq1, token).json())
                .isEqualTo(json(Map.of("matches", List.of(1))));
        assertThat(s.get("/m/raw_lookup?signal_type=pdq&signal=" + pdq2, token).json())
                .isEqualTo(json(Map.of("matches", List.of(2))));
        JsonNode withDistance = s.get("/m/raw_lookup?signal_type=pdq&include_distance=true&signal=" + pdq1, token).json();
        assertThat(withDistance).isEqualTo(json(Map.of("matches", List.of(Map.of("bank_content_id", 1, "distance", "0")))));
        assertThat(s.get("/m/raw_lookup?signal_type=nope&signal=" + pdq1, token).status()).isEqualTo(400);
        assertThat(s.get("/m/raw_lookup?signal_type=pdq&signal=banana", token).status()).isEqualTo(400);
        assertThat(s.get("/m/raw_lookup?signal_type=pdq", token).status()).isEqualTo(400);
    }

    @Test
    void lookup_byBank_withFilters() {
        for (String bank : List.of("BANK_A", "BANK_B", "BANK_C")) {
            createBank(bank);
            s.post("/c/bank/" + bank + "/signal", token, Map.of("pdq", pdq1));
        }
        JsonNode all = s.get("/m/lookup?signal_type=pdq&signal=" + pdq1, token).json();
        assertThat(all.size()).isEqualTo(3);
        assertThat(all.path("BANK_A").get(0).has("bank_content_id")).isTrue();
        assertThat(all.path("BANK_A").get(0).path("distance").asText()).isEqualTo("0");
        assertThat(s.get("/m/lookup?signal_type=pdq&banks=BANK_A&signal=" + pdq1, token).json().size()).isEqualTo(1);
        JsonNode two = s.get("/m/lookup?signal_type=pdq&banks=BANK_A,BANK_C&signal=" + pdq1, token).json();
        assertThat(two.has("BANK_A")).isTrue();
        assertThat(two.has("BANK_C")).isTrue();
        assertThat(two.has("BANK_B")).isFalse();
        assertThat(s.get("/m/lookup?signal_type=pdq&banks=NONE&signal=" + pdq1, token).json().size()).isZero();
        assertThat(s.get("/m/lookup", token).status()).isEqualTo(400);
        s.put("/c/bank/BANK_B", token, "{\"enabled\": false}");
        assertThat(s.get("/m/lookup?signal_type=pdq&signal=" + pdq1, token).json().has("BANK_B")).isFalse();
        assertThat(s.get("/m/lookup?signal_type=pdq&bypass_coinflip=true&signal=" + pdq1, token).json().has("BANK_B"))
                .isTrue();
    }

    @Test
    void lookup_byUrlAndUpload() {
        createBank("NEW_BANK");
        addImage("NEW_BANK", "image1.jpg");
        TestServer.Response byUrl = s.get("/m/lookup?url=" + images.url("image1.jpg"), token);
        assertThat(byUrl.status()).as(byUrl.body()).isEqualTo(200);
        assertThat(byUrl.json().path("pdq").path("NEW_BANK").get(0).path("bank_content_id").asLong()).isEqualTo(1);
        TestServer.Response upload = s.upload("/m/lookup", token, "photo", "x.jpg", images.files.get("image1.jpg"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        assertThat(upload.json().path("pdq").has("NEW_BANK")).isTrue();
        assertThat(s.upload("/m/lookup", token, "video", "x.jpg", images.files.get("image1.jpg")).status()).isEqualTo(200);
        assertThat(s.upload("/m/lookup", token, "banana", "x.jpg", images.files.get("image1.jpg")).status())
                .isEqualTo(400);
    }

    @Test
    void hash_byUrlAndUpload() {
        assertThat(s.get("/h/hash?url=" + images.url("image1.jpg"), token).json()).isEqualTo(json(Map.of("pdq", pdq1)));
        assertThat(s.upload("/h/hash", token, "photo", "a.jpg", images.files.get("image2.jpg")).json())
                .isEqualTo(json(Map.of("pdq", pdq2)));
        TestServer.Response text = s.get("/h/hash?url=" + images.url("text.txt"), token);
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().path("message").asText()).contains("unsupported url ContentType");
        assertThat(s.get("/h/hash?url=http://192.0.2.1/x.jpg", token).json().path("message").asText())
                .isEqualTo("Invalid or unsafe URL provided");
        assertThat(s.get("/h/hash?url=file:///etc/passwd", token).status()).isEqualTo(400);
        assertThat(s.post("/h/hash", token, "{}").status()).isEqualTo(400);
    }

    @Test
    void compare_pdq_likeHmaTest() {
        String a = "facd8bcb2a49bcebdec1985298d5fe84bcd006c187c598c720c3c087b3fdb318";
        String b = "facd8bcb2a49bcebdec1985228d5ae84bcd006c187c598c720c2b087b3fdb318";
        assertThat(s.post("/m/compare", token, Map.of("pdq", List.of(a, b))).json())
                .isEqualTo(json(Map.of("pdq", List.of(true, Map.of("distance", 9)))));
        for (Object bad : List.of(List.of("banana"), Map.of("pdq", "banana"), Map.of("pdq", List.of()),
                Map.of("pdq", List.of("banana", "banana")), Map.of("pdq", List.of(a, b, a)))) {
            assertThat(s.post("/m/compare", token, bad).status()).as(bad.toString()).isEqualTo(400);
        }
    }

    @Test
    void indexStatus_reportsSizePerType() {
        createBank("NEW_BANK");
        addImage("NEW_BANK", "image1.jpg");
        JsonNode status = s.get("/m/index/status", token).json();
        assertThat(status.path("pdq").path("present").asBoolean()).isTrue();
        assertThat(status.path("pdq").path("size").asInt()).isEqualTo(1);
        assertThat(s.get("/m/index/status?signal_type=nope", token).status()).isEqualTo(400);
    }

    @Test
    void auth_requiresToken_unlessLoopbackOpenedExplicitly(@TempDir Path other) {
        TestServer.Response anonymous = s.get("/c/banks", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("message").asText()).contains("token");
        assertThat(s.get("/c/banks", "tdk_wrong").status()).isEqualTo(401);
        assertThat(s.post("/c/banks", s.token("pia"), Map.of("name", "PROVIDER_BANK")).status()).isEqualTo(403);
        try (TestServer open = TestServer.start(other, ServerSettings.forTests().withHmaLoopbackUser("ana"))
                .withDirectory()) {
            assertThat(open.post("/c/banks", null, Map.of("name", "OPEN_BANK")).status()).isEqualTo(201);
            assertThat(open.get("/api/v1/me", null).status()).isEqualTo(401);
        }
    }
}
