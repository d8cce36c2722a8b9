package io.takedown.range.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the infrastructure's ground truth ({@code infra.json}: registrars, CDN accounts, every site and
 * what it runs on, every channel with its audience and routes, each outlet's strategy) and what the
 * infrastructure serves on each site (home pages, favicons, stylesheets, update files) beside the
 * world's export. Same seed, same bytes.
 */
public final class InfraExport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> PATHS = List.of("/", "/favicon.ico", "/assets/site.css", "/assets/logo.png",
            "/updates.json", "/ext/updates.json", "/app/config.json", "/img/q.png");

    private InfraExport() {
    }

    public static void write(Infrastructure infra, Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("infra.json"), JSON.writeValueAsString(truth(infra)) + "\n");
        InfraSimulation simulation = new InfraSimulation(infra);
        for (Site site : infra.sites()) {
            for (String path : PATHS) {
                if (path.equals("/") && site.role() == SiteRole.PRIMARY) {
                    continue; // the world's own index page
                }
                var page = simulation.render(site.domain(), path, Infrastructure.START);
                if (page.isPresent()) {
                    Path file = out.resolve("sites").resolve(site.domain())
                            .resolve(path.equals("/") ? "index.html" : path.substring(1));
                    Files.createDirectories(file.getParent());
                    Files.write(file, page.get().body());
                }
            }
        }
    }

    /** The ground truth as one JSON document. */
    public static ObjectNode truth(Infrastructure infra) {
        ObjectNode root = JSON.createObjectNode();
        root.put("synthetic", true).put("start", Infrastructure.START.toString());
        ArrayNode registrars = root.putArray("registrars");
        infra.registrars().forEach(r -> registrars.addObject().put("id", r.id()).put("name", r.name())
                .put("country", r.country()).put("ignores_orders", r.ignoresOrders()));
        ArrayNode cdn = root.putArray("cdn_accounts");
        infra.cdnAccounts().values().stream().sorted(java.util.Comparator.comparing(CdnAccount::id))
                .forEach(a -> cdn.addObject().put("id", a.id()).put("operator", a.operator())
                        .put("edge_address", a.edgeAddress()).put("outlet", a.outlet()));
        ArrayNode sites = root.putArray("sites");
        for (Site s : infra.sites()) {
            ObjectNode site = sites.addObject().put("domain", s.domain()).put("outlet", s.outlet().orElse(""))
                    .put("role", s.role().name().toLowerCase()).put("provider", s.provider()).put("registrar", s.registrar())
                    .put("cdn_account", s.cdnAccount().orElse("")).put("key", s.keyId()).put("certificate", s.certificateId())
                    .put("analytics", s.analyticsId().orElse("")).put("favicon", s.favicon().name().toLowerCase())
                    .put("kit", s.kit()).put("outlet_css", s.outletCss()).put("quotes", s.quotes().orElse(""))
                    .put("registered_at", s.registeredAt().toString());
            site.put("origin", s.origin());
        }
        InfraState state = new InfraSimulation(infra).stateAt(Infrastructure.START);
        ArrayNode channels = root.putArray("channels");
        for (Channel c : infra.channels()) {
            ObjectNode channel = channels.addObject().put("id", c.id()).put("outlet", c.outlet())
                    .put("kind", c.kind().name().toLowerCase()).put("name", c.name()).put("audience", c.audience());
            c.endpoints().forEach(channel.putArray("endpoints")::add);
            ArrayNode routes = channel.putArray("routes");
            state.routes(c).forEach(route -> {
                ArrayNode r = routes.addArray();
                route.forEach(t -> r.add(t.key()));
            });
        }
        ObjectNode strategies = root.putObject("strategies");
        infra.world().outlets().forEach(o -> {
            Strategy s = infra.strategy(o.id());
            ObjectNode node = strategies.putObject(o.id());
            ObjectNode weights = node.putObject("weights");
            for (Strategy.Reaction r : Strategy.Reaction.values()) {
                weights.put(r.name().toLowerCase(), s.weights()[r.ordinal()]);
            }
            node.put("min_delay", s.minDelay().toString()).put("max_delay", s.maxDelay().toString())
                    .put("max_new_domains", s.maxNewDomains()).put("web_recovery", round(s.webRecovery()))
                    .put("mail_recovery", round(s.mailRecovery())).put("app_recovery", round(s.appRecovery()));
        });
        return root;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
