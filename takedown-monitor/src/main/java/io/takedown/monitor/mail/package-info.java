/**
 * Newsletters: .eml messages and mbox mailboxes read with Apache James mime4j, text and attachments
 * included, within limits; a malformed message is reported and the rest of the mailbox is read.
 */
package io.takedown.monitor.mail;
