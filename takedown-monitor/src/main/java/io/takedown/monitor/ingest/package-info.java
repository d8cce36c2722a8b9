/**
 * Local ingest: files a person hands the monitor (a newsletter saved as .eml, a mailbox export, an extension or
 * app package, an image, a page) go the way a crawled capture goes — written as a WARC resource record,
 * opened by the same channel readers, hashed, matched and linked to the outlet's case — with the file's
 * origin in the record's metadata. A file that cannot be taken is refused with its reason; the rest go on.
 */
package io.takedown.monitor.ingest;
