package io.takedown.app.demo;

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

    /** The world generated and written to disk. */
    record RangeReady(long seed, String size, int outlets, long articles, long items, int providers, Path directory,
                      String crawlSource) implements DemoAct {
    }

    /** Detection of one kind of alteration. */
    record DetectionRow(String alteration, int copies, int found, int viaDihedral, int wrong, double meanDistance) {

        public double recall() {
            return copies == 0 ? 0 : (double) found / copies;
        }
    }

    /** The outlets' originals banked, and every mirror copy matched against all banks. */
    record Detection(String bank, int banked, List<DetectionRow> rows) implements DemoAct {
    }

    /** Cases opened by the member states' authorities from what matched. */
    record Cases(Map<String, Integer> itemsPerAgency, Map<String, List<String>> outletsPerAgency, int cases)
            implements DemoAct {
    }

    /** The action day planned, deconflicted, frozen and signed, with each agency's go or no-go. */
    record Plan(long actionId, String name, String coordinator, Instant hHour, List<Board.PartLine> parts,
                int targets, int providers, int countries, List<String> conflicts, String planSha256, String keyId,
                boolean planVerified) implements DemoAct {
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

    /** What came back, and the report handed to the participating countries. */
    record AfterActionReport(AfterAction report, Path html, Path pdf) implements DemoAct {
    }

    /** The record checked at the end. */
    record Audit(boolean intact, long entries, long checkpoints, String ordersIssued, String withinHour)
            implements DemoAct {
    }

    /** A part of the demo that could not run here, and why. */
    record Skipped(String what, String why) implements DemoAct {
    }
}
