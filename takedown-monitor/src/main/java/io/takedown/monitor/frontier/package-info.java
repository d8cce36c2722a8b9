/**
 * The monitor's persistent state in the relational store: watched outlets, the crawl frontier (every URL
 * an outlet's crawl knows, queued or done, per cycle), cycles and captures with their evidence references.
 * A crawl killed at any moment resumes from here: a URL is marked done only in the transaction that records
 * its capture, after its WARC records reached the disk.
 */
package io.takedown.monitor.frontier;
