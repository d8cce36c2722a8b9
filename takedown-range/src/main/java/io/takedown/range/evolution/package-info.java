/**
 * The range over range time: outlets keep publishing ({@link io.takedown.range.evolution.Evolution}), and
 * their sites serve the channels beside pages (Atom feed, newsletter archive as .eml and mbox, downloads of
 * extensions and apps) from {@link io.takedown.range.evolution.ChannelSite}.
 */
package io.takedown.range.evolution;
