package io.takedown.monitor.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.takedown.monitor.mail.MailMessage;
import io.takedown.monitor.mail.MailReader;

/** Any bytes as a mailbox: messages or per-message errors, never an exception. */
class MailFuzzTest {

    private static final MailReader READER = new MailReader(new MailReader.Limits(100, 50, 4, 1 << 20, 8 << 20));

    @FuzzTest(maxDuration = "30s")
    void anyMailboxReadsOrReports(FuzzedDataProvider data) {
        for (MailMessage message : READER.read(data.consumeRemainingAsBytes())) {
            if (message.raw() == null || message.parts() == null) {
                throw new IllegalStateException("incomplete message " + message.index());
            }
        }
    }
}
