/**
 * Range packages real enough for maintained parsers: CRX3 containers with a signed protobuf header and
 * APKs with an Android binary XML manifest, deterministic per outlet.
 */
package io.takedown.range.packages;
