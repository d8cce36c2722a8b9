package io.takedown.monitor;

import io.takedown.monitor.capture.ChannelReader;
import io.takedown.monitor.capture.MailChannel;
import io.takedown.monitor.capture.PackageChannel;
import io.takedown.monitor.mail.MailReader;
import io.takedown.monitor.packages.PackageReader;
import java.util.List;

/** The channel readers a monitor opens documents with: newsletters (mail) and packages. */
public final class Channels {

    private Channels() {
    }

    public static List<ChannelReader> readers() {
        return List.of(new MailChannel(new MailReader()), new PackageChannel(new PackageReader()));
    }
}
