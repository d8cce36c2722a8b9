package io.takedown.app.demo;

import io.takedown.infra.evaluation.InfraFigures;
import io.takedown.operations.afteraction.AfterAction;
import io.takedown.operations.board.Board;
import io.takedown.operations.dispatch.StrikeReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The demo's acts, each a result an adapter renders. */
public sealed interface DemoAct {

    /** The world generated and written to disk; the operation's own data directory. */
    record RangeReady(long seed, String size, int outlets, long articles, long items, int providers, int sites,
                      Path rangeDirectory, Path runDirectory) implements DemoAct {
    }

    /** The seeded bank: the outlets' originals as a hash-sharing partner supplied them. */
    record Bank(String bank, int originals, int entries, int variants) implements DemoAct {
    }

    /**
     * One mirror scan: names registered on the range observed, proposals, what the analysts confirmed, and
     * everything confirmed so far scored against the ground truth (update hosts are confirmed but not counted).
     */
    record Mirrors(String label, int registered, int observedNow, int proposals, int confirmedNow, int updateHostsNow,
                   int confirmedTotal, int trueMirrors, int correct, List<String> missed, List<String> wrong)
            implements DemoAct {

        public double precision() {
            return confirmedTotal == 0 ? 1 : (double) correct / confirmedTotal;
        }

        public double recall() {
            return trueMirrors == 0 ? 1 : (double) correct / trueMirrors;
        }
    }

    /** One kind of page or image of the ground truth, and how much of it a crawl captured. */
    record CoverageRow(String what, int captured, int total) {

        public double share() {
            return total == 0 ? 1 : (double) captured / total;
        }
    }

    /** Detection of one kind of alteration: copies in the world, captured, matched to their own original. */
    record DetectionRow(String alteration, int copies, int captured, int found, int viaVariant, int wrong,
                        double meanDistance) {

        public static final String ALL_IMAGES = "all image copies";
        public static final String TEXTS = "edited text copies (MinHash)";

        public double recall() {
            return copies == 0 ? 0 : (double) found / copies;
        }
    }

    /**
     * The first crawl: what the monitor fetched and matched, the cases its hits opened (per authority), and
     * the capture scored against the ground truth.
     */
    record Crawl(String label, long fetched, long failed, long newItems, long revisits, long matched, long hits,
                 long caseItems, Duration took, List<CoverageRow> coverage, List<DetectionRow> detection,
                 Map<String, Integer> itemsPerAgency, int cases) implements DemoAct {
    }

    /** A target the weak-point analysis suggests, and whether the action day could take it. */
    record Suggested(int rank, String target, String addressee, long reachRemoved, String taken) {
    }

    /** The action day planned, deconflicted, frozen and signed, with each agency's go or no-go. */
    record Plan(long actionId, String name, String coordinator, Instant hHour, List<Board.PartLine> parts,
                int targets, int providers, int countries, List<String> conflicts, String planSha256, String keyId,
                boolean planVerified, int itemsNotTargeted, List<String> notTargetedWhy, List<Suggested> suggestions,
                double suggestedShare, String suggestionSource) implements DemoAct {
    }

    /** H-hour. */
    record Strike(StrikeReport report) implements DemoAct {
    }

    /** The board at one moment after H-hour. */
    record Snapshot(Duration afterHHour, Board.Row total) {
    }

    /** Compliance followed in range time: snapshots and the board at the end. */
    record Compliance(List<Snapshot> snapshots, Board board) implements DemoAct {
    }

    /**
     * A crawl after H-hour and what it found: resurfacing alerts from the removed-content bank, and new mirrors
     * confirmed; both compared with the range's ground truth as of then.
     *
     * @param removals executed removals the watch tracks
     * @param alerts alerts raised so far (one per order and URL where the content came back)
     * @param alertsRight alerts at a place the ground truth lists as a return
     * @param returns returns of removed content in the ground truth so far (the operation's removals)
     * @param returnsFound returns an alert named
     * @param newDomains domains the outlets registered since H-hour (ground truth)
     * @param newMirrors mirrors confirmed since H-hour
     * @param newMirrorsRight of those, registered by the outlet they were attributed to
     */
    record Checkpoint(String label, Duration after, long fetched, long newItems, long revisits, Duration took,
                      int removals, int alerts, int alertsRight, int returns, int returnsFound, int newDomains,
                      int newMirrors, int newMirrorsRight, List<String> examples) implements DemoAct {

        public double precision() {
            return alerts == 0 ? 1 : (double) alertsRight / alerts;
        }

        public double recall() {
            return returns == 0 ? 1 : (double) returnsFound / returns;
        }
    }

    /** What came back, and the report handed to the participating countries. */
    record AfterActionReport(AfterAction report, Path html, Path pdf) implements DemoAct {
    }

    /** The infrastructure line's figures on this world against its ground truth. */
    record Infrastructure(InfraFigures figures, Duration took) implements DemoAct {
    }

    /** The record checked at the end. */
    record Audit(boolean intact, long entries, long checkpoints, String ordersIssued, String withinHour)
            implements DemoAct {
    }

    /** A part of the demo that could not run here, and why. */
    record Skipped(String what, String why) implements DemoAct {
    }
}
