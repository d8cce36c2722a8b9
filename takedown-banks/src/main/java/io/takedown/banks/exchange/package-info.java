/**
 * Bank import and export in the formats the ecosystem exchanges: plain hex lists, python-threatexchange's
 * signal file format, HMA bank-content JSON lines, and GIFCT-style CSV. Readers keep every good row and
 * report every bad one with its line number.
 */
package io.takedown.banks.exchange;
