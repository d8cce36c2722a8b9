/**
 * The small shared core of Takedown: the error vocabulary, hex text forms and where Takedown keeps its
 * state. Every other module depends on this one; it depends on nothing but the JDK.
 */
package io.takedown.core;
