package io.takedown.monitor.mail;

import java.util.List;
import java.util.Optional;

/**
 * A message read from an .eml file or a mailbox.
 *
 * @param index position in the mailbox, from 1
 * @param raw the message's bytes (as stored in the mailbox, unescaped)
 * @param text the concatenated plain text of its text parts (HTML parts reduced to text)
 * @param parts text parts and attachments
 * @param error why the message could not be read fully, when it could not
 */
public record MailMessage(int index, Optional<String> messageId, Optional<String> from, Optional<String> subject,
                          byte[] raw, String text, List<MailPart> parts, Optional<String> error) {
}
