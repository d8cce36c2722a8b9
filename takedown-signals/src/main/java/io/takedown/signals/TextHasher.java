package io.takedown.signals;

/** A signal computed from text. */
public interface TextHasher {

    Signal hash(String text);
}
