/**
 * Hash banks: named, versioned collections of signals with labels, provenance, confidence, expiry and a
 * removal history that is never deleted ({@link io.takedown.banks.BankStore}).
 */
package io.takedown.banks;
