package io.takedown.monitor.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.evolution.ChannelSite;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailReaderTest {

    private static final World WORLD = World.generate(42, RangeSize.SMALL);
    private final MailReader reader = new MailReader();

    @Test
    void read_rangeMbox_everyIssueWithItsAttachment() {
        var outlet = WORLD.outlets().getFirst();
        byte[] mbox = ChannelSite.render(WORLD, outlet, 60, "/newsletters/archive.mbox").orElseThrow().bytes();
        List<MailMessage> messages = reader.read(mbox);
        assertThat(messages).hasSize(6).allSatisfy(m -> {
            assertThat(m.error()).isEmpty();
            assertThat(m.subject()).hasValueSatisfying(s -> assertThat(s).contains("issue"));
            assertThat(m.text()).contains("http://" + outlet.primaryDomain() + "/articles/");
            assertThat(m.parts()).filteredOn(MailPart::attachment).singleElement()
                    .satisfies(p -> assertThat(p.path()).endsWith("logo.png"));
        });
    }

    @Test
    void read_emptyMailbox_noMessage() {
        assertThat(reader.read(new byte[0])).isEmpty();
        assertThat(reader.read("\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void read_singleEml_oneMessage() {
        var outlet = WORLD.outlets().getFirst();
        byte[] eml = ChannelSite.render(WORLD, outlet, 40, "/newsletters/issue-2.eml").orElseThrow().bytes();
        assertThat(reader.read(eml)).singleElement().satisfies(m -> assertThat(m.messageId()).isPresent());
    }

    @Test
    void read_malformedMessageInMbox_reportedAndOthersRead() {
        String good = "From: a@range.test\nSubject: ok\nContent-Type: text/plain\n\nhello http://x.test/a\n";
        String bad = "From: b@range.test\nSubject: broken\nContent-Type: multipart/mixed; boundary=\"zz\"\n\n"
                + "--zz\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!\n";
        String hugeHeader = "X-Long: " + "a".repeat(200_000) + "\nSubject: long\n\nbody\n";
        String mbox = "From x\n" + good + "\nFrom y\n" + bad + "\nFrom z\n" + hugeHeader + "\nFrom w\n" + good;
        List<MailMessage> messages = reader.read(mbox.getBytes(StandardCharsets.UTF_8));
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).error()).isEmpty();
        assertThat(messages.get(2).error()).isPresent();
        assertThat(messages.get(3).error()).isEmpty();
        assertThat(messages.get(3).text()).contains("hello");
    }

    @Test
    void splitMbox_quotedFromLines_unescaped() {
        String mbox = "From a\nSubject: s\n\n>From the start\nline\n\nFrom b\nSubject: t\n\nx\n";
        List<byte[]> raws = MailReader.splitMbox(mbox.getBytes(StandardCharsets.UTF_8));
        assertThat(raws).hasSize(2);
        assertThat(new String(raws.getFirst(), StandardCharsets.UTF_8)).contains("\nFrom the start");
    }

    @Test
    void safeName_separatorsAndControls_replaced() {
        assertThat(MailReader.safeName("../../x\u0000.png")).doesNotContain("/", "..", "\u0000");
    }
}
