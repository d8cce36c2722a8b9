/** MD5 of a file's bytes: the legacy digest most hash lists still carry. Exact matches only. */
package io.takedown.signals.md5;
