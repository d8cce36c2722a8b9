package io.takedown.infra.mirrors;

import io.takedown.infra.observe.SiteObservation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposes observed sites as mirrors of known outlets. Each shared fingerprint adds its weight (log-odds)
 * to a candidate-outlet score, scaled down when the value is common among all observed sites (a stock
 * favicon, a popular theme's stylesheet); template and text add in proportion to their similarity. The
 * confidence is the logistic of the score less {@link #PRIOR}. Sites above {@link #EXPAND_AT} join their
 * outlet's profile for a further round, so a mirror that resembles another mirror more than the main
 * site is still found. Deterministic for the same input.
 */
public final class MirrorDetector {

    /** Log-odds a candidate must gather to be even odds. */
    public static final double PRIOR = 6.0;
    /** Proposals at or above this confidence are made. */
    public static final double PROPOSE_AT = 0.5;
    /** Proposals at or above this confidence strengthen their outlet's profile for the next round. */
    public static final double EXPAND_AT = 0.95;
    static final int ROUNDS = 3;

    static final double CERTIFICATE = 8;
    static final double KEY = 6;
    static final double ANALYTICS = 6;
    static final double CDN_ACCOUNT = 5;
    static final double FAVICON = 4;
    static final double ASSET = 3;
    static final double TEMPLATE = 5;
    static final double TEXT = 5;
    /** A mirror carries its outlet's content: a site that shares none of its text is held back. */
    static final double NO_SHARED_TEXT = -2;
    /** Two home pages this alike share a template (for counting how common a template is). */
    static final double SAME_TEMPLATE = 0.6;

    /** A site already attributed to an outlet (its main domain, a confirmed mirror). */
    public record KnownSite(String host, String outlet) {
    }

    /** Proposals for every observed site not already known, best outlet per site. */
    public List<MirrorProposal> propose(Collection<KnownSite> known, Collection<SiteObservation> observed) {
        Map<String, SiteProfile> profiles = new LinkedHashMap<>();
        observed.stream().filter(s -> s.home().isPresent()).sorted(Comparator.comparing(SiteObservation::host))
                .forEach(s -> profiles.put(s.host(), SiteProfile.of(s)));
        Rarity rarity = new Rarity(profiles.values());
        Map<String, String> members = new LinkedHashMap<>();
        known.forEach(k -> members.put(k.host(), k.outlet()));
        Map<String, MirrorProposal> best = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            best.clear();
            for (SiteProfile candidate : profiles.values()) {
                if (known.stream().anyMatch(k -> k.host().equals(candidate.host()))) {
                    continue;
                }
                Map<String, List<Evidence>> byOutlet = new LinkedHashMap<>();
                for (Map.Entry<String, String> member : members.entrySet()) {
                    SiteProfile site = profiles.get(member.getKey());
                    if (site == null || site.host().equals(candidate.host())) {
                        continue;
                    }
                    byOutlet.computeIfAbsent(member.getValue(), o -> new ArrayList<>())
                            .addAll(compare(candidate, site, rarity));
                }
                for (Map.Entry<String, List<Evidence>> outlet : byOutlet.entrySet()) {
                    MirrorProposal proposal = score(candidate.host(), outlet.getKey(), outlet.getValue());
                    MirrorProposal current = best.get(candidate.host());
                    if (current == null || proposal.score() > current.score()) {
                        best.put(candidate.host(), proposal);
                    }
                }
            }
            boolean grew = false;
            for (MirrorProposal proposal : best.values()) {
                if (proposal.confidence() >= EXPAND_AT && !members.containsKey(proposal.host())) {
                    members.put(proposal.host(), proposal.outlet());
                    grew = true;
                }
            }
            if (!grew) {
                break;
            }
        }
        return best.values().stream().filter(p -> p.confidence() >= PROPOSE_AT)
                .sorted(Comparator.comparing(MirrorProposal::confidence).reversed().thenComparing(MirrorProposal::host))
                .toList();
    }

    /** Evidence between a candidate and one known site. */
    static List<Evidence> compare(SiteProfile candidate, SiteProfile site, Rarity rarity) {
        List<Evidence> evidence = new ArrayList<>();
        String at = site.host();
        if (candidate.certificate().isPresent() && candidate.certificate().equals(site.certificate())) {
            evidence.add(new Evidence(Evidence.Kind.SHARED_CERTIFICATE, candidate.certificate().get(), at, CERTIFICATE));
        } else if (candidate.key().isPresent() && candidate.key().equals(site.key())) {
            evidence.add(new Evidence(Evidence.Kind.SHARED_KEY, candidate.key().get(), at, KEY));
        }
        for (String id : candidate.analyticsIds()) {
            if (site.analyticsIds().contains(id)) {
                evidence.add(new Evidence(Evidence.Kind.SHARED_ANALYTICS_ID, id, at, ANALYTICS * rarity.of("analytics:" + id)));
            }
        }
        if (candidate.cdnAccount().isPresent() && candidate.cdnAccount().equals(site.cdnAccount())) {
            evidence.add(new Evidence(Evidence.Kind.SHARED_CDN_ACCOUNT, candidate.cdnAccount().get(), at, CDN_ACCOUNT));
        }
        boolean favicon = candidate.faviconHash().isPresent() && candidate.faviconHash().equals(site.faviconHash());
        if (favicon) {
            String value = Integer.toString(candidate.faviconHash().getAsInt());
            evidence.add(new Evidence(Evidence.Kind.SHARED_FAVICON, value, at, FAVICON * rarity.of("favicon:" + value)));
        }
        for (String asset : candidate.assets()) {
            if (site.assets().contains(asset) && !(favicon && candidate.faviconSha256().map(asset::equals).orElse(false))) {
                evidence.add(new Evidence(Evidence.Kind.SHARED_ASSET, asset, at, ASSET * rarity.of("asset:" + asset)));
            }
        }
        double template = jaccard(candidate.template(), site.template());
        if (template > 0.3) {
            // A template many observed sites share is a common theme, not a fingerprint.
            evidence.add(new Evidence(Evidence.Kind.TEMPLATE_SIMILARITY, String.format(java.util.Locale.ROOT, "%.2f", template),
                    at, TEMPLATE * (template - 0.3) / 0.7 * rarity.ofTemplate(candidate.host())));
        }
        double text = containment(candidate.text(), site.text());
        if (text > 0.05) {
            evidence.add(new Evidence(Evidence.Kind.SHARED_TEXT, String.format(java.util.Locale.ROOT, "%.2f", text), at,
                    TEXT * Math.min(1, text / 0.3)));
        }
        return evidence;
    }

    /** Keeps the strongest piece of evidence of each kind and value, sums, and turns it into a confidence. */
    static MirrorProposal score(String host, String outlet, List<Evidence> all) {
        Map<String, Evidence> strongest = new LinkedHashMap<>();
        for (Evidence e : all) {
            // Template and text similarity count once (the best match); shared values once each.
            String key = e.kind() == Evidence.Kind.TEMPLATE_SIMILARITY || e.kind() == Evidence.Kind.SHARED_TEXT
                    ? e.kind().name() : e.kind() + ":" + e.value();
            strongest.merge(key, e, (a, b) -> a.weight() >= b.weight() ? a : b);
        }
        List<Evidence> kept = new ArrayList<>(strongest.values());
        kept.sort(Comparator.comparing(Evidence::weight).reversed().thenComparing(e -> e.kind().name()));
        // Two shared assets say more than one, a dozen little more than two.
        double assets = 0;
        int counted = 0;
        double score = 0;
        for (Evidence e : kept) {
            if (e.kind() == Evidence.Kind.SHARED_ASSET) {
                if (counted++ < 2) {
                    assets += e.weight();
                }
            } else {
                score += e.weight();
            }
        }
        score += assets;
        if (kept.stream().noneMatch(e -> e.kind() == Evidence.Kind.SHARED_TEXT)) {
            score += NO_SHARED_TEXT;
        }
        double confidence = 1 / (1 + Math.exp(-(score - PRIOR)));
        return new MirrorProposal(host, outlet, confidence, score, kept);
    }

    static double jaccard(Set<Long> a, Set<Long> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        long common = a.stream().filter(b::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }

    /** Share of {@code a}'s shingles found in {@code b}. */
    static double containment(Set<Long> a, Set<Long> b) {
        if (a.isEmpty()) {
            return 0;
        }
        return (double) a.stream().filter(b::contains).count() / a.size();
    }

    /**
     * How rare a fingerprint value is among the observed sites: 1 when at most a twentieth of them (and at
     * least two) show it, falling with the logarithm as it gets common, 0 when all do.
     */
    static final class Rarity {
        private final Map<String, Integer> count = new HashMap<>();
        private final Map<String, Integer> templateCount = new HashMap<>();
        private final int sites;

        Rarity(Collection<SiteProfile> profiles) {
            this.sites = profiles.size();
            List<SiteProfile> all = List.copyOf(profiles);
            for (SiteProfile p : all) {
                int alike = 0;
                for (SiteProfile q : all) {
                    if (jaccard(p.template(), q.template()) >= SAME_TEMPLATE) {
                        alike++;
                    }
                }
                templateCount.put(p.host(), alike);
            }
            for (SiteProfile p : profiles) {
                Set<String> values = new LinkedHashSet<>();
                p.analyticsIds().forEach(id -> values.add("analytics:" + id));
                p.faviconHash().ifPresent(h -> values.add("favicon:" + h));
                p.assets().forEach(a -> values.add("asset:" + a));
                values.forEach(v -> count.merge(v, 1, Integer::sum));
            }
        }

        double of(String value) {
            return rarity(count.getOrDefault(value, 1));
        }

        /** How rare the candidate's page template is among the observed sites. */
        double ofTemplate(String host) {
            return rarity(templateCount.getOrDefault(host, 1));
        }

        private double rarity(int df) {
            double common = Math.max(2, sites / 20.0);
            if (df <= common) {
                return 1;
            }
            return Math.max(0, 1 - Math.log(df / common) / Math.log(Math.max(2, sites / common)));
        }
    }
}
