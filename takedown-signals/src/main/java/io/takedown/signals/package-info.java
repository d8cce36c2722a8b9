/**
 * The signal contract: a {@link io.takedown.signals.SignalType} names one way of fingerprinting content
 * (a storage key, the content it applies to, validation of its text form) and mixes in what it can hash
 * ({@link io.takedown.signals.DigestHasher}, {@link io.takedown.signals.ImageHasher},
 * {@link io.takedown.signals.TextHasher}). Each built-in signal lives in its own sub-package; the
 * {@link io.takedown.signals.SignalRegistry} finds them (and third-party ones) through
 * {@link java.util.ServiceLoader} and refuses duplicate names.
 */
package io.takedown.signals;
