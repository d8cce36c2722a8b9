/**
 * From capture to case: hashes what the crawler captured (in memory, on the fetching thread), opens
 * channels inside documents (mail, packages), matches every committed capture against all banks and turns
 * hits into case items that carry the capture's evidence reference.
 */
package io.takedown.monitor.capture;
