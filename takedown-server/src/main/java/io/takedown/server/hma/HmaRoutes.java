package io.takedown.server.hma;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.takedown.access.Action;
import io.takedown.access.Policy;
import io.takedown.app.Takedown;
import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.core.InvalidInputException;
import io.takedown.server.ServerSettings;
import io.takedown.server.hashing.UploadHashing;
import io.takedown.server.http.HttpProblem;
import io.takedown.server.http.Json;
import io.takedown.server.http.Principal;
import io.takedown.server.http.Routes;
import io.takedown.server.matching.MatchingService;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalType;
import io.takedown.signals.pdq.PdqHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The hashing ({@code /h}) and matching ({@code /m}) routes of Meta's hasher-matcher-actioner, with its
 * parameters, response shapes, status codes and {@code {"message": ...}} errors, so an HMA client works
 * unchanged. Matching runs on Takedown's matcher (per-bank distances, quality floor, negative banks); content
 * ids are {@link HmaContentStore}'s. Curation ({@code /c}) is in {@link HmaCurationRoutes}.
 */
public final class HmaRoutes {

    private final Takedown takedown;
    private final MatchingService matching;
    private final HmaRequests requests;
    private final HmaContentStore contents;
    private final HmaCurationRoutes curation;

    public HmaRoutes(Takedown takedown, MatchingService matching, ServerSettings settings) {
        this.takedown = takedown;
        this.matching = matching;
        this.requests = new HmaRequests(new UploadHashing(takedown.signals()), settings);
        this.contents = new HmaContentStore(takedown.database());
        this.curation = new HmaCurationRoutes(takedown, contents, requests);
    }

    public void register(Routes routes) {
        routes.hma("GET", "/h/hash", (ctx, who) -> {
            allow(who, Action.MATCH_CONTENT);
            String url = ctx.queryParam("url");
            if (url == null) {
                throw HmaRequests.error(400, "url is required");
            }
            ctx.json(values(requests.hashUrl(url, ctx.queryParam("content_type"), ctx.queryParam("types"))));
        });
        routes.hma("POST", "/h/hash", (ctx, who) -> {
            allow(who, Action.MATCH_CONTENT);
            ctx.json(values(requests.hashUpload(ctx)));
        });
        routes.hma("GET", "/m/raw_lookup", (ctx, who) -> {
            allow(who, Action.MATCH_CONTENT);
            String signal = required(ctx, "signal");
            String type = required(ctx, "signal_type");
            boolean withDistance = bool(ctx.queryParam("include_distance"), false);
            Set<String> banks = banks(ctx.queryParam("banks"));
            List<Object> out = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (MatchResult result : query(signal, type)) {
                long content = contents.contentOf(result.entry().id());
                if ((banks == null || banks.contains(result.entry().bankName())) && seen.add(content)) {
                    out.add(withDistance ? Map.of("bank_content_id", content, "distance",
                            Integer.toString(result.distance())) : content);
                }
            }
            Json.send(ctx, Map.of("matches", out));
        });
        routes.hma("GET", "/m/lookup", (ctx, who) -> {
            allow(who, Action.MATCH_CONTENT);
            Set<String> banks = banks(ctx.queryParam("banks"));
            String url = ctx.queryParam("url");
            if (url == null || url.isEmpty()) {
                String signal = ctx.queryParam("signal");
                String type = ctx.queryParam("signal_type");
                if (signal == null || signal.isEmpty() || type == null || type.isEmpty()) {
                    throw HmaRequests.error(400, "Either url or both signal and signal_type are required");
                }
                Json.send(ctx, lookup(ctx, signal, type, banks, bool(ctx.queryParam("bypass_coinflip"), false)));
                return;
            }
            Map<String, Signal> hashes = requests.hashUrl(url, ctx.queryParam("content_type"), ctx.queryParam("types"));
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Signal> hash : hashes.entrySet()) {
                out.put(hash.getKey(), lookup(ctx, hash.getValue().value(), hash.getKey(), banks,
                        bool(ctx.queryParam("bypass_coinflip"), false)));
            }
            String selected = ctx.queryParam("signal_type");
            ctx.json(selected != null ? out.getOrDefault(selected, Map.of()) : out);
        });
        routes.hma("POST", "/m/lookup", (ctx, who) -> {
            allow(who, Action.MATCH_CONTENT);
            Set<String> banks = banks(ctx.queryParam("banks"));
            boolean bypass = "true".equals(ctx.queryParam("bypass_coinflip"));
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Signal> hash : requests.hashUpload(ctx).entrySet()) {
                out.put(hash.getKey(), lookup(ctx, hash.getValue().value(), hash.getKey(), banks, bypass));
            }
            ctx.json(out);
        });
        routes.hma("GET", "/m/index/status", (ctx, who) -> {
            allow(who, Action.MATCH_CONTENT);
            List<String> types = typeNames();
            String only = ctx.queryParam("signal_type");
            if (only != null) {
                if (!types.contains(only)) {
                    throw HmaRequests.error(400, "No such signal type '" + only + "'");
                }
                types = List.of(only);
            }
            var status = matching.status();
            Map<String, Object> out = new LinkedHashMap<>();
            for (String type : types) {
                // HMA: built_to is the time of the newest item the index contains, -1 when not loaded.
                long builtTo = status.map(s -> s.updatedAt() == null ? -1L : s.updatedAt().getEpochSecond()).orElse(-1L);
                int size = status.map(s -> s.signals().getOrDefault(type, 0)).orElse(0);
                out.put(type, Map.of("present", status.isPresent(), "built_to", builtTo, "size", size));
            }
            ctx.json(out);
        });
        routes.hma("POST", "/m/compare", (ctx, who) -> {
            allow(who, Action.MATCH_CONTENT);
            JsonNode body = Json.body(ctx);
            if (!body.isObject()) {
                throw HmaRequests.error(400, "Request input was not a dict");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            var fields = body.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = field.getKey();
                JsonNode pair = field.getValue();
                if (!pair.isArray()) {
                    throw HmaRequests.error(400, "Comparison hashes for " + name + " was not a list");
                }
                if (pair.size() != 2) {
                    throw HmaRequests.error(400, "Comparison hash list length must be exactly 2");
                }
                SignalType type = signalType(name);
                try {
                    int distance = type.distance(type.validate(pair.get(0).asText()), type.validate(pair.get(1).asText()));
                    out.put(name, List.of(distance <= threshold(name), Map.of("distance", distance)));
                } catch (InvalidInputException e) {
                    throw HmaRequests.error(400, "Invalid " + name + " hash: " + e.reason());
                }
            }
            ctx.json(out);
        });
        curation.register(routes);
    }

    static void allow(Principal who, Action action) {
        Policy.check(who.actor(), action);
    }

    private static int threshold(String type) {
        return switch (type) {
            case "pdq" -> 31;
            case "text" -> 50;
            default -> 0;
        };
    }

    private List<String> typeNames() {
        return takedown.signals().names();
    }

    private SignalType signalType(String name) {
        return takedown.signals().find(name).orElseThrow(() -> HmaRequests.error(400, "No such SignalType '" + name + "'"));
    }

    /** Matches one signal; unknown types and malformed values are HMA's 400s, an unloaded index its 503. */
    private List<MatchResult> query(String value, String typeName) {
        SignalType type = signalType(typeName);
        String canonical;
        try {
            canonical = type.validate(value);
        } catch (InvalidInputException e) {
            throw HmaRequests.error(400, "invalid signal: " + e.reason());
        }
        if (!matching.ready()) {
            throw HmaRequests.error(503, "index not yet ready");
        }
        return matching.match(new MatchQuery(List.of(Signal.of(typeName, canonical)), Map.<String, PdqHash>of()))
                .stream().filter(r -> !r.suppressed()).toList();
    }

    /** HMA's lookup: matches by bank, only enabled content, banks passing their matching-ratio coin flip. */
    private Map<String, List<Map<String, Object>>> lookup(Context ctx, String value, String type, Set<String> banks,
                                                         boolean bypassCoinflip) {
        List<MatchResult> results = query(value, type);
        String seed = ctx.queryParam("seed");
        double coinflip = bypassCoinflip ? 0 : (seed == null ? java.util.concurrent.ThreadLocalRandom.current().nextDouble()
                : new Random(seed.hashCode()).nextDouble());
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        Set<Long> seen = new HashSet<>();
        java.time.Instant now = takedown.clock().instant();
        for (MatchResult result : results) {
            String bankName = result.entry().bankName();
            if (banks != null && !banks.contains(bankName)) {
                continue;
            }
            if (coinflip > 0 && contents.ratio(bankId(bankName)) < coinflip) {
                continue;
            }
            long content = contents.contentOf(result.entry().id());
            if (contents.content(content).map(c -> !c.enabledAt(now)).orElse(false) || !seen.add(content)) {
                continue;
            }
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("bank_content_id", content);
            match.put("distance", Integer.toString(result.distance()));
            out.computeIfAbsent(bankName, b -> new ArrayList<>()).add(match);
        }
        return out;
    }

    private long bankId(String name) {
        return contents.bankId(name, n -> takedown.banks().bank(n).id());
    }

    private static Map<String, String> values(Map<String, Signal> signals) {
        Map<String, String> out = new LinkedHashMap<>();
        signals.forEach((type, signal) -> out.put(type, signal.value()));
        return out;
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            throw HmaRequests.error(400, name + " is required");
        }
        return value;
    }

    static boolean bool(String value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new HttpProblem(400, "invalid boolean parameter - prefer true/false");
        };
    }

    private static Set<String> banks(String param) {
        return param == null || param.isEmpty() ? null : new HashSet<>(Arrays.asList(param.split(",")));
    }
}
