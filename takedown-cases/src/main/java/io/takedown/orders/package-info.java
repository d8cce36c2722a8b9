/**
 * Removal orders under Regulation (EU) 2021/784 (TCO): Annex I documents in the provider's language,
 * Ed25519-signed; statuses from draft to executed, contested or ceased; the one-hour deadline from receipt
 * (Art. 3(3)), the 12-hour prior notice before a provider's first order (Art. 3(2)), Annex III
 * impossibility suspending the deadline (Art. 3(7)-(8)), cross-border scrutiny within 72 hours (Art. 4),
 * six months' preservation (Art. 6) and withheld information to the content provider (Art. 11).
 * Deadlines are stored, so they survive restarts; overdue orders escalate. Also transparency reports.
 */
package io.takedown.orders;
