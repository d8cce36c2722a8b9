package io.takedown.monitor.mail;

/**
 * One part of a message: its text body or an attachment, with where it sits in the message.
 *
 * @param path e.g. {@code message-1/part-2/logo.png}
 * @param attachment true for an attachment, false for the message's own text
 */
public record MailPart(String path, String mediaType, byte[] content, boolean attachment) {
}
