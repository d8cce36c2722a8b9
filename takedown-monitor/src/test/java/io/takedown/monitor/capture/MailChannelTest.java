package io.takedown.monitor.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.monitor.evidence.EvidenceRef;
import io.takedown.monitor.frontier.FrontierEntry;
import io.takedown.monitor.mail.MailReader;
import io.takedown.range.RangeSize;
import io.takedown.range.World;
import io.takedown.range.evolution.ChannelSite;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailChannelTest {

    @Test
    void read_servedIssue_messageAndAttachmentAsChildren() {
        World world = World.generate(42, RangeSize.SMALL);
        var outlet = world.outlets().getFirst();
        byte[] eml = ChannelSite.render(world, outlet, 40, "/newsletters/issue-1.eml").orElseThrow().bytes();
        FrontierEntry entry = new FrontierEntry(1, 1, "http://" + outlet.primaryDomain() + "/newsletters/issue-1.eml",
                outlet.primaryDomain(), 1, "link", 1, Optional.empty(), Optional.empty(), Optional.empty());
        ChannelReader.Contents contents = new MailChannel(new MailReader()).read(entry, eml,
                new EvidenceRef("f.warc.gz", 0, 10, "urn:uuid:x"), 1, new ContentSignals());
        assertThat(contents.children()).extracting(c -> c.mediaType()).contains("message/rfc822", "image/png");
        assertThat(contents.links()).isNotEmpty();
    }
}
