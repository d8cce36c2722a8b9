/** URL canonicalisation, so that the many spellings of one link match as one signal. */
package io.takedown.signals.url;
