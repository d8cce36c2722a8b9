package io.takedown.monitor.capture;

import io.takedown.monitor.crawl.Extracted;
import io.takedown.monitor.crawl.Link;
import io.takedown.monitor.evidence.EvidenceRef;
import io.takedown.monitor.frontier.CaptureRow;
import io.takedown.monitor.frontier.FrontierEntry;
import io.takedown.monitor.mail.MailMessage;
import io.takedown.monitor.mail.MailPart;
import io.takedown.monitor.mail.MailReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Newsletters found on a site (.eml, mbox): each message and attachment becomes a hashed child capture. */
public final class MailChannel implements ChannelReader {

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>)]+");

    private final MailReader reader;

    public MailChannel(MailReader reader) {
        this.reader = reader;
    }

    @Override
    public boolean accepts(Extracted extracted) {
        return extracted.kind().equals("mail");
    }

    @Override
    public Contents read(FrontierEntry entry, byte[] body, EvidenceRef ref, long cycle, ContentSignals signals) {
        List<CaptureRow> children = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant now = Instant.now();
        for (MailMessage message : reader.read(body)) {
            String path = "message-" + message.index();
            message.error().ifPresent(e -> problems.add(path + ": " + e));
            Map<String, String> own = new LinkedHashMap<>(signals.of(message.raw(), "message/rfc822",
                    message.text().isBlank() ? Optional.empty() : Optional.of(message.text()), path));
            message.subject().ifPresent(s -> own.put("subject", s));
            message.messageId().ifPresent(s -> own.put("message_id", s));
            message.error().ifPresent(e -> own.put("error", e));
            children.add(Children.row(entry, ref, cycle, path, "message/rfc822", message.raw().length, own, "mail", now));
            for (MailPart part : message.parts()) {
                if (!part.attachment()) {
                    continue;
                }
                String type = Children.sniff(part.content(), part.path());
                children.add(Children.row(entry, ref, cycle, part.path(), type, part.content().length,
                        signals.of(part.content(), type, Optional.empty(), part.path()), "mail", now));
            }
            Matcher m = URL.matcher(message.text());
            while (m.find()) {
                links.add(new Link(m.group().replaceAll("[.,;:]+$", ""), "mail-link"));
            }
        }
        Map<String, String> own = problems.isEmpty() ? Map.of() : Map.of("error", String.join("; ", problems));
        return new Contents(own, children, links);
    }
}
