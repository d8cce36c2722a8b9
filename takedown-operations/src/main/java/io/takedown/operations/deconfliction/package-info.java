/**
 * Deconfliction: agencies register what must not be touched (an ongoing investigation watches a URL or a
 * whole domain). A planned target that hits an entry is held until the owning agency releases it. The
 * coordinator learns only that a conflict exists and whom to contact, as far as the entry's handling code
 * allows; never the owner's identity, reasons or case.
 */
package io.takedown.operations.deconfliction;
