package io.takedown.app.demo;

import io.takedown.banks.matching.MatchQuery;
import io.takedown.banks.matching.MatchResult;
import io.takedown.banks.matching.Matcher;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.range.Copy;
import io.takedown.range.Transform;
import io.takedown.range.World;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first crawl scored against the range's ground truth: which of the world's pages and images the
 * monitor captured, and for each altered copy whether its capture matched its own original in the seeded
 * bank (per alteration, as a table). Scoring only: the cases came from the monitor's own matching.
 */
final class Coverage {

    private Coverage() {
    }

    private static final class Tally {
        int copies;
        int captured;
        int found;
        int viaVariant;
        int wrong;
        long distanceSum;

        DemoAct.DetectionRow row(String what) {
            return new DemoAct.DetectionRow(what, copies, captured, found, viaVariant, wrong,
                    (double) distanceSum / Math.max(1, found));
        }

        void add(Tally other) {
            copies += other.copies;
            captured += other.captured;
            found += other.found;
            viaVariant += other.viaVariant;
            wrong += other.wrong;
            distanceSum += other.distanceSum;
        }
    }

    static DemoAct.Crawl score(World world, Monitoring.Cycle cycle, Matcher matcher, String bank,
                               Map<String, Integer> itemsPerAgency, int cases) {
        Map<String, CaptureRow> byUrl = new HashMap<>();
        for (CaptureRow capture : cycle.captures()) {
            if (capture.status() == 200 && !capture.kind().equals("entry")) {
                byUrl.put(capture.url(), capture);
            }
        }
        int[] pages = new int[2];
        int[] media = new int[2];
        Map<Transform, Tally> images = new EnumMap<>(Transform.class);
        Tally texts = new Tally();
        world.articles().forEach(article -> {
            count(pages, byUrl, article.url());
            count(media, byUrl, article.imageUrl());
            for (Copy copy : world.copies(article)) {
                count(pages, byUrl, copy.url());
                if (copy.image()) {
                    count(media, byUrl, copy.mediaUrl());
                    score(images.computeIfAbsent(copy.transform().orElseThrow(), t -> new Tally()),
                            byUrl.get(copy.mediaUrl()), matcher, bank, article.imageUrl());
                } else {
                    score(texts, byUrl.get(copy.url()), matcher, bank, article.url());
                }
            }
        });
        List<DemoAct.DetectionRow> rows = new ArrayList<>();
        Tally all = new Tally();
        images.forEach((transform, tally) -> {
            rows.add(tally.row(transform.description()));
            all.add(tally);
        });
        rows.add(all.row(DemoAct.DetectionRow.ALL_IMAGES));
        rows.add(texts.row(DemoAct.DetectionRow.TEXTS));
        List<DemoAct.CoverageRow> coverage = List.of(
                new DemoAct.CoverageRow("pages (articles and mirror copies)", pages[0], pages[1]),
                new DemoAct.CoverageRow("images (originals and altered copies)", media[0], media[1]));
        var summary = cycle.summary();
        return new DemoAct.Crawl(cycle.label(), summary.result().fetched(), summary.result().failed(),
                summary.result().newItems(), summary.result().revisits(), summary.matchedCaptures(), summary.hits(),
                summary.caseItems(), cycle.took(), coverage, rows, itemsPerAgency, cases);
    }

    private static void count(int[] tally, Map<String, CaptureRow> byUrl, String url) {
        tally[1]++;
        if (byUrl.containsKey(url)) {
            tally[0]++;
        }
    }

    private static void score(Tally tally, CaptureRow capture, Matcher matcher, String bank, String original) {
        tally.copies++;
        if (capture == null) {
            return;
        }
        tally.captured++;
        List<MatchResult> matches = matcher.match(MatchQuery.of(Monitoring.signals(capture))).stream()
                .filter(m -> m.entry().bankName().equals(bank) && !m.suppressed()).toList();
        Optional<MatchResult> right = matches.stream()
                .filter(m -> m.entry().provenance().sourceRef().map(original::equals).orElse(false))
                .min(java.util.Comparator.comparingInt(MatchResult::distance));
        if (right.isPresent()) {
            tally.found++;
            tally.distanceSum += right.get().distance();
            if (right.get().entry().variant().isPresent()) {
                tally.viaVariant++;
            }
        }
        tally.wrong += (int) matches.stream().map(m -> m.entry().provenance().sourceRef().orElse(""))
                .filter(ref -> !ref.equals(original)).distinct().count();
    }
}
