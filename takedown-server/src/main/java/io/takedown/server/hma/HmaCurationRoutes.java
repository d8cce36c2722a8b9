package io.takedown.server.hma;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.takedown.access.Action;
import io.takedown.app.Takedown;
import io.takedown.banks.Bank;
import io.takedown.banks.BankEntry;
import io.takedown.banks.BankStore;
import io.takedown.banks.EntryState;
import io.takedown.banks.NewEntry;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.server.http.Json;
import io.takedown.server.http.Lists;
import io.takedown.server.http.Principal;
import io.takedown.server.http.Routes;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HMA's curation routes over Takedown's banks. HMA names banks {@code UPPER_WITH_UNDERSCORE}; a bank
 * "deleted" here has its entries removed (a state, kept in the history) and is renamed out of sight, so its
 * name can be used again. Contents added here are bank entries with provenance "hma-api".
 */
final class HmaCurationRoutes {

    private static final Pattern BANK_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Set<String> METADATA_FIELDS = Set.of("content_id", "content_uri", "json");
    static final String DELETED_PREFIX = "hma-deleted-";

    private final Takedown takedown;
    private final HmaContentStore contents;
    private final HmaRequests requests;

    HmaCurationRoutes(Takedown takedown, HmaContentStore contents, HmaRequests requests) {
        this.takedown = takedown;
        this.contents = contents;
        this.requests = requests;
    }

    void register(Routes routes) {
        routes.hma("GET", "/c/banks", (ctx, who) -> {
            HmaRoutes.allow(who, Action.MATCH_CONTENT);
            ctx.json(banks().stream().map(this::config).toList());
        });
        routes.hma("POST", "/c/banks", (ctx, who) -> {
            HmaRoutes.allow(who, Action.CURATE_BANKS);
            ObjectNode body = Json.object(ctx);
            String name = Json.text(body, "name", true);
            double ratio = body.hasNonNull("enabled_ratio") ? ratio(body.get("enabled_ratio"))
                    : body.hasNonNull("enabled") ? (body.get("enabled").asBoolean() ? 1.0 : 0.0) : 1.0;
            checkName(name);
            if (findBank(name).isPresent()) {
                throw HmaRequests.error(403, "Bank already exists");
            }
            Bank bank = takedown.banks().createBank(name, "created through the HMA API", false, OptionalInt.empty(),
                    OptionalInt.empty(), who.actor().name());
            contents.forgetBankNames();
            if (ratio != 1.0) {
                contents.setRatio(bank.id(), ratio);
            }
            ctx.status(201).json(config(bank));
        });
        routes.hma("GET", "/c/bank/{bank_name}", (ctx, who) -> {
            HmaRoutes.allow(who, Action.MATCH_CONTENT);
            String name = ctx.pathParam("bank_name");
            ctx.json(config(findBank(name).orElseThrow(() -> HmaRequests.error(404, "bank '" + name + "' not found"))));
        });
        routes.hma("PUT", "/c/bank/{bank_name}", (ctx, who) -> {
            HmaRoutes.allow(who, Action.CURATE_BANKS);
            Bank bank = findBank(ctx.pathParam("bank_name")).orElseThrow(() -> HmaRequests.error(404, "Bank not found"));
            ObjectNode body = Json.object(ctx);
            String rename = Json.text(body, "name", false);
            if (rename != null && !rename.equals(bank.name())) {
                checkName(rename);
                if (findBank(rename).isPresent()) {
                    throw HmaRequests.error(403, "Bank name already exists");
                }
                bank = takedown.banks().rename(bank.name(), rename, who.actor().name());
                contents.forgetBankNames();
            }
            if (body.hasNonNull("enabled")) {
                contents.setRatio(bank.id(), body.get("enabled").asBoolean() ? 1.0 : 0.0);
            }
            if (body.hasNonNull("enabled_ratio")) {
                contents.setRatio(bank.id(), ratio(body.get("enabled_ratio")));
            }
            ctx.json(config(bank));
        });
        routes.hma("DELETE", "/c/bank/{bank_name}", (ctx, who) -> {
            HmaRoutes.allow(who, Action.CURATE_BANKS);
            Optional<Bank> bank = findBank(ctx.pathParam("bank_name"));
            if (bank.isPresent()) {
                BankStore store = takedown.banks();
                for (BankEntry entry : store.entries(bank.get().name(), false)) {
                    if (!(entry.state() instanceof EntryState.Removed)) {
                        store.remove(bank.get().name(), entry.id(), who.actor().name(), "bank deleted through the HMA API");
                    }
                }
                store.rename(bank.get().name(), DELETED_PREFIX + bank.get().id() + "." + bank.get().name(),
                        who.actor().name());
                contents.forgetBankNames();
            }
            ctx.json(Map.of("message", "Done"));
        });
        routes.hma("GET", "/c/bank/{bank_name}/content/{content_id}", (ctx, who) -> {
            HmaRoutes.allow(who, Action.MATCH_CONTENT);
            Bank bank = requireBank(ctx);
            long id = contentId(ctx);
            List<BankEntry> entries = liveEntries(bank, id);
            Map<String, Object> out = new LinkedHashMap<>();
            HmaContentStore.Content content = contents.content(id)
                    .orElse(new HmaContentStore.Content(id, bank.id(), Optional.empty(), Optional.empty(), 0));
            out.put("id", id);
            out.put("disable_until_ts", content.disableUntilTs());
            out.put("original_media_uri", null);
            out.put("bank", config(bank));
            if (HmaRoutes.bool(ctx.queryParam("include_signals"), false) && !entries.isEmpty()) {
                Map<String, String> signals = new LinkedHashMap<>();
                entries.forEach(e -> signals.put(e.signal().type(), e.signal().value()));
                out.put("signals", signals);
            }
            if (HmaRoutes.bool(ctx.queryParam("include_metadata"), true) && content.metadataJson().isPresent()) {
                out.put("metadata", Json.MAPPER.readTree(content.metadataJson().get()));
            }
            content.note().ifPresent(note -> out.put("note", note));
            ctx.json(out);
        });
        routes.hma("POST", "/c/bank/{bank_name}/content", (ctx, who) -> {
            HmaRoutes.allow(who, Action.CURATE_BANKS);
            Bank bank = requireBank(ctx);
            JsonNode form = formOrJson(ctx);
            Optional<String> metadata = metadata(form.get("metadata"));
            Optional<String> note = note(form.get("note"));
            Map<String, Signal> hashes;
            String url = ctx.queryParam("url");
            if (url != null && !url.isEmpty()) {
                hashes = requests.hashUrl(url, ctx.queryParam("content_type"), ctx.queryParam("types"));
            } else if (ctx.isMultipartFormData() && !io.takedown.server.http.Uploads.fileMap(ctx).isEmpty()) {
                hashes = requests.hashUpload(ctx);
            } else {
                throw HmaRequests.error(400, "Neither `url` nor multipart file upload was received");
            }
            ctx.json(add(bank, hashes, metadata, note, who));
        });
        routes.hma("PUT", "/c/bank/{bank_name}/content/{content_id}", (ctx, who) -> {
            HmaRoutes.allow(who, Action.CURATE_BANKS);
            Bank bank = requireBank(ctx);
            long id = contentId(ctx);
            liveEntries(bank, id);
            ObjectNode body = Json.object(ctx);
            HmaContentStore.Content current = contents.content(id)
                    .orElse(new HmaContentStore.Content(id, bank.id(), Optional.empty(), Optional.empty(), 0));
            long disable = current.disableUntilTs();
            if (body.has("disable_until_ts")) {
                disable = wholeNumber(body.get("disable_until_ts"));
                if (disable < 0) {
                    throw HmaRequests.error(400, "disable_until_ts must be a non-negative integer");
                }
                if (disable > takedown.clock().instant().plus(5 * 365, ChronoUnit.DAYS).getEpochSecond()) {
                    throw HmaRequests.error(400, "disable_until_ts must be less than 5 years in the future");
                }
            }
            Optional<String> noteValue = body.has("note") ? note(body.get("note")) : current.note();
            HmaContentStore.Content updated = contents.update(id, bank.id(), noteValue, disable);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("disable_until_ts", updated.disableUntilTs());
            out.put("collab_metadata", Map.of());
            out.put("original_media_uri", null);
            out.put("bank", config(bank));
            out.put("user_metadata", updated.metadataJson().isPresent()
                    ? Json.MAPPER.readTree(updated.metadataJson().get()) : null);
            out.put("note", updated.note().orElse(null));
            ctx.json(out);
        });
        routes.hma("DELETE", "/c/bank/{bank_name}/content/{content_id}", (ctx, who) -> {
            HmaRoutes.allow(who, Action.CURATE_BANKS);
            Bank bank = requireBank(ctx);
            long id = contentId(ctx);
            int deleted = 0;
            for (long entryId : contents.entriesOf(id)) {
                try {
                    BankEntry entry = takedown.banks().entry(entryId);
                    if (entry.bankId() == bank.id() && !(entry.state() instanceof EntryState.Removed)) {
                        takedown.banks().remove(bank.name(), entryId, who.actor().name(), "removed through the HMA API");
                        deleted = 1;
                    }
                } catch (TakedownException e) {
                    if (e.kind() != TakedownException.Kind.NOT_FOUND) {
                        throw e;
                    }
                }
            }
            ctx.json(Map.of("deleted", deleted));
        });
        routes.hma("POST", "/c/bank/{bank_name}/signal", (ctx, who) -> {
            HmaRoutes.allow(who, Action.CURATE_BANKS);
            Bank bank = requireBank(ctx);
            ObjectNode body = Json.object(ctx);
            Optional<String> note = note(body.remove("note"));
            Map<String, Signal> signals = new LinkedHashMap<>();
            var fields = body.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                signals.put(field.getKey(), Signal.of(field.getKey(), field.getValue().asText()));
            }
            ctx.json(add(bank, signals, Optional.empty(), note, who));
        });
        routes.hma("GET", "/c/signal_type/index", (ctx, who) -> {
            HmaRoutes.allow(who, Action.MATCH_CONTENT);
            Map<String, long[]> status = contents.indexStatus();
            Map<String, Object> out = new LinkedHashMap<>();
            for (String type : takedown.signals().names()) {
                long[] s = status.getOrDefault(type, new long[] {0, -1});
                out.put(type, Map.of("db_size", s[0], "index_size", s[0], "index_out_of_date", false,
                        "newest_db_item", s[1], "index_built_to", s[1]));
            }
            ctx.json(out);
        });
        routes.hma("GET", "/c/content_type", (ctx, who) -> {
            HmaRoutes.allow(who, Action.MATCH_CONTENT);
            ctx.json(HmaRequests.CONTENT_TYPES.stream().map(t -> Map.of("name", t, "enabled", true)).toList());
        });
    }

    /** Validates every signal first (nothing is added when one is bad), then adds them as one content. */
    private Map<String, Object> add(Bank bank, Map<String, Signal> given, Optional<String> metadata,
                                    Optional<String> note, Principal who) {
        if (given.isEmpty()) {
            throw HmaRequests.error(400, "No signals given");
        }
        List<NewEntry> entries = new ArrayList<>();
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, Signal> signal : given.entrySet()) {
            SignalType type = takedown.signals().find(signal.getKey())
                    .orElseThrow(() -> HmaRequests.error(400, "No such signal type " + signal.getKey()));
            String value;
            try {
                value = type.validate(signal.getValue().value());
            } catch (InvalidInputException e) {
                throw HmaRequests.error(400, "Invalid " + signal.getKey() + " signal: " + e.reason());
            }
            canonical.put(type.name(), value);
            entries.add(new NewEntry(new Signal(type.name(), value, signal.getValue().quality()), Set.of(),
                    Optional.of("hma-api"), Optional.empty(), OptionalDouble.empty(), Optional.empty()));
        }
        BankStore.AddResult result = takedown.banks().add(bank.name(), entries, who.actor().name());
        List<Long> ids = new ArrayList<>(result.added().stream().map(BankEntry::id).toList());
        long id;
        if (ids.isEmpty()) {
            // Every signal is already live in the bank: answer with the content that holds it.
            Signal first = result.alreadyPresent().getFirst();
            id = contents.contentOf(contents.liveEntry(bank.id(), first.type(), first.value()).orElseThrow());
        } else {
            id = contents.create(bank.id(), ids, note, metadata).id();
        }
        return Map.of("id", id, "signals", canonical);
    }

    private List<Bank> banks() {
        return takedown.banks().banks().stream().filter(b -> !b.name().startsWith(DELETED_PREFIX)).toList();
    }

    private Optional<Bank> findBank(String name) {
        return banks().stream().filter(b -> b.name().equals(name)).findFirst();
    }

    private Bank requireBank(Context ctx) {
        String name = ctx.pathParam("bank_name");
        return findBank(name).orElseThrow(() -> HmaRequests.error(404, "bank '" + name + "' not found"));
    }

    /** The content's live entries in this bank; 404 when it has none there. */
    private List<BankEntry> liveEntries(Bank bank, long contentId) {
        List<BankEntry> out = new ArrayList<>();
        for (long entryId : contents.entriesOf(contentId)) {
            try {
                BankEntry entry = takedown.banks().entry(entryId);
                if (entry.bankId() == bank.id() && !(entry.state() instanceof EntryState.Removed)
                        && contents.contentOf(entryId) == contentId) {
                    out.add(entry);
                }
            } catch (TakedownException e) {
                if (e.kind() != TakedownException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        if (out.isEmpty()) {
            throw HmaRequests.error(404, "content '" + contentId + "' not found");
        }
        return out;
    }

    private static long contentId(Context ctx) {
        try {
            return Lists.id(ctx, "content_id");
        } catch (RuntimeException e) {
            throw HmaRequests.error(404, "content '" + ctx.pathParam("content_id") + "' not found");
        }
    }

    private Map<String, Object> config(Bank bank) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", bank.name());
        out.put("matching_enabled_ratio", contents.ratio(bank.id()));
        return out;
    }

    private static void checkName(String name) {
        if (!BANK_NAME.matcher(name).matches()) {
            throw HmaRequests.error(400, "Bank names must be UPPER_WITH_UNDERSCORE");
        }
    }

    private static double ratio(JsonNode value) {
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw HmaRequests.error(400, "enabled_ratio must be a number from 0.0 to 1.0");
        }
        return value.asDouble();
    }

    private static long wholeNumber(JsonNode value) {
        if (value.canConvertToLong() && value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText());
        } catch (NumberFormatException e) {
            throw HmaRequests.error(400, "Invalid int: '" + value.asText() + "'");
        }
    }

    /** The JSON body, or the form fields of a multipart upload, as one object; empty when neither. */
    private static JsonNode formOrJson(Context ctx) {
        if (ctx.isMultipartFormData()) {
            ObjectNode form = Json.MAPPER.createObjectNode();
            String metadata = ctx.formParam("metadata");
            if (metadata != null) {
                try {
                    form.set("metadata", Json.MAPPER.readTree(metadata));
                } catch (JsonProcessingException e) {
                    throw HmaRequests.error(400, "metadata form field must be valid JSON");
                }
            }
            String note = ctx.formParam("note");
            if (note != null) {
                form.put("note", note);
            }
            return form;
        }
        if (ctx.body().isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode body = Json.body(ctx);
        return body.isObject() ? body : Json.MAPPER.createObjectNode();
    }

    private static Optional<String> metadata(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw HmaRequests.error(400, "metadata should be a json object");
        }
        ObjectNode metadata = ((ObjectNode) value).deepCopy();
        metadata.remove("collab");
        var names = metadata.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!METADATA_FIELDS.contains(name)) {
                throw HmaRequests.error(400, "Invalid metadata: unexpected field '" + name + "'");
            }
        }
        for (String text : List.of("content_id", "content_uri")) {
            if (metadata.has(text) && !metadata.get(text).isTextual() && !metadata.get(text).isNull()) {
                throw HmaRequests.error(400, "Invalid metadata: " + text + " must be a string");
            }
        }
        if (metadata.has("json") && !metadata.get("json").isObject() && !metadata.get("json").isNull()) {
            throw HmaRequests.error(400, "Invalid metadata: json must be an object");
        }
        return metadata.isEmpty() ? Optional.empty() : Optional.of(Json.write(metadata));
    }

    private static Optional<String> note(JsonNode value) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw HmaRequests.error(400, "note should be a string");
        }
        if (value.asText().length() > 255) {
            throw HmaRequests.error(400, "note must be at most 255 characters");
        }
        return Optional.of(value.asText());
    }
}
