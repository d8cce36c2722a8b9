package io.takedown.banks.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.banks.BankEntry;
import io.takedown.banks.BankStore;
import io.takedown.banks.NewEntry;
import io.takedown.signals.Signal;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExchangeRoundTripTest {

    static final String PDQ = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
    static final String MD5 = "9e107d9d372bb6826bd81d3542a419d6";
    static final String FLAT = "0000000000000000000000000000000000000000000000000000000000000001";

    private final ExchangeReader reader = new ExchangeReader(SignalRegistry.discover());

    @TempDir
    Path home;

    @ParameterizedTest
    @EnumSource(ExchangeFormat.class)
    void whatIsExportedImportsBackTheSame(ExchangeFormat format) {
        try (Database database = Database.embedded(home)) {
            BankStore store = new BankStore(database, SignalRegistry.discover(), Clock.systemUTC());
            store.createBank("source", null, false, OptionalInt.empty(), OptionalInt.empty(), "t");
            store.add("source", List.of(
                    NewEntry.of(new Signal("pdq", PDQ, OptionalInt.of(87)), Set.of("recruitment", "entity:outlet-1"), "a.jpg"),
                    NewEntry.of(new Signal("pdq", FLAT, OptionalInt.of(12)), Set.of(), "flat.png"),
                    NewEntry.of(Signal.of("md5", MD5), Set.of("threat"), "b.mp4"),
                    NewEntry.of(Signal.of("url", "https://outlet.test/post/1"), Set.of(), "feed")), "t");
            List<BankEntry> entries = store.entries("source", false);
            StringWriter out = new StringWriter();
            int written = ExchangeWriter.write(format, entries, "pdq", out);
            ImportReport report = reader.read(format, new StringReader(out.toString()), "pdq", "export");
            assertThat(report.errors()).isEmpty();
            assertThat(report.entries()).hasSize(written);
            List<BankEntry> expected = format == ExchangeFormat.HEX
                    ? entries.stream().filter(e -> e.signal().type().equals("pdq")).toList() : entries;
            // HMA and GIFCT carry PDQ quality (a re-imported flat image must stay below the quality filter);
            // HEX and TE lines have no place for it.
            boolean carriesQuality = format == ExchangeFormat.GIFCT || format == ExchangeFormat.HMA;
            assertThat(report.entries()).extracting(NewEntry::signal)
                    .containsExactlyElementsOf(expected.stream().map(BankEntry::signal)
                            .map(s -> carriesQuality ? s : Signal.of(s.type(), s.value())).toList());
            if (format == ExchangeFormat.GIFCT || format == ExchangeFormat.HMA) {
                assertThat(report.entries()).extracting(NewEntry::labels)
                        .containsExactlyElementsOf(expected.stream().map(BankEntry::labels).map(Set::copyOf).toList());
            }
        }
    }

    @Test
    void badRowsAreReportedWithLineNumbers_goodRowsKept() {
        String file = String.join("\n",
                "hash_type,hash,labels",
                "PDQ," + PDQ + ",recruitment",
                "PDQ,not-a-hash,threat",
                "MD5," + MD5 + ",",
                "WHIRLPOOL,abc,",
                "\"PDQ,broken",
                "PDQ," + PDQ.replace('d', 'e') + ",behaviour:nonsense",
                "URL,https://outlet.test/a?utm_source=x,");
        ImportReport report = reader.read(ExchangeFormat.GIFCT, new StringReader(file), "pdq", "list.csv");
        assertThat(report.entries()).hasSize(3);
        assertThat(report.entries().get(2).signal().value()).isEqualTo("https://outlet.test/a");
        assertThat(report.errors()).extracting(ImportReport.RowError::line).containsExactly(3, 5, 6, 7);
        assertThat(report.errors().get(1).message()).contains("unknown signal type 'whirlpool'");
        assertThat(report.entries().getFirst().sourceRef()).hasValue("list.csv:2");
    }

    /** Issue 14 item 13: a partner's older three-column CSV still reads; a bad quality is a bad row. */
    @Test
    void gifctCsv_columnsByHeader_qualityOptional() {
        String file = String.join("\n",
                "hash,hash_type,labels",
                PDQ + ",PDQ,threat",
                "",
                "hash_type,hash,quality,labels",
                "PDQ," + PDQ + ",70,threat");
        ImportReport old = reader.read(ExchangeFormat.GIFCT, new StringReader(file.lines().limit(2)
                .collect(java.util.stream.Collectors.joining("\n"))), "pdq", "old.csv");
        assertThat(old.errors()).isEmpty();
        assertThat(old.entries().getFirst().signal()).isEqualTo(Signal.of("pdq", PDQ));
        ImportReport withQuality = reader.read(ExchangeFormat.GIFCT, new StringReader(
                "hash_type,hash,quality,labels\nPDQ," + PDQ + ",70,threat\nPDQ," + PDQ + ",170,\nPDQ," + PDQ + ",high,\n"),
                "pdq", "new.csv");
        assertThat(withQuality.entries()).extracting(NewEntry::signal).containsExactly(new Signal("pdq", PDQ, OptionalInt.of(70)));
        assertThat(withQuality.errors()).extracting(ImportReport.RowError::line).containsExactly(3, 4);
    }

    @Test
    void threatExchangeFileFormat_usesItsSignalNames() {
        String file = "pdq " + PDQ + "\nvideo_md5 " + MD5 + "\n\n# comment\ngarbage\n";
        ImportReport report = reader.read(ExchangeFormat.TE, new StringReader(file), "pdq", "te.txt");
        assertThat(report.entries()).extracting(e -> e.signal().type()).containsExactly("pdq", "md5");
        assertThat(report.errors()).extracting(ImportReport.RowError::line).containsExactly(5);
    }

    @Test
    void hmaJsonLines_carryMetadata_andRejectBrokenJson() {
        String file = "{\"signals\":{\"pdq\":\"" + PDQ + "\"},\"note\":\"poster.jpg\",\"metadata\":{\"labels\":[\"threat\"],"
                + "\"confidence\":0.9,\"source_bank\":\"partner-x\"}}\n{\"signals\":{}}\n{oops\n";
        ImportReport report = reader.read(ExchangeFormat.HMA, new StringReader(file), "pdq", "hma.jsonl");
        assertThat(report.entries()).hasSize(1);
        NewEntry entry = report.entries().getFirst();
        assertThat(entry.labels()).containsExactly("behaviour:threat");
        assertThat(entry.confidence()).hasValue(0.9);
        assertThat(entry.sourceBank()).hasValue("partner-x");
        assertThat(entry.sourceRef()).hasValue("poster.jpg");
        assertThat(report.errors()).extracting(ImportReport.RowError::line).containsExactly(2, 3);
    }
}
