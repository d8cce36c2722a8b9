package io.takedown.banks.exchange;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.signals.SignalRegistry;
import java.io.StringReader;

/** Hash lists from partners are untrusted: any file yields good rows and line-numbered errors, never a crash. */
class ExchangeReaderFuzzTest {

    private static final ExchangeReader READER = new ExchangeReader(SignalRegistry.discover());

    @FuzzTest(maxDuration = "30s")
    void anyFileIsReadRowByRow(FuzzedDataProvider data) {
        ExchangeFormat format = data.pickValue(ExchangeFormat.values());
        String text = data.consumeRemainingAsString();
        ImportReport report = READER.read(format, new StringReader(text), "pdq", "fuzz");
        long lines = text.lines().count();
        for (ImportReport.RowError error : report.errors()) {
            if (error.line() < 1 || error.line() > lines + 1) {
                throw new IllegalStateException("error names line " + error.line() + " of " + lines);
            }
        }
    }
}
