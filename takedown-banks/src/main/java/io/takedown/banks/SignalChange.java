package io.takedown.banks;

/**
 * The current state of an entry's signal as an index needs it: what to add or take out. Catching up replays
 * these for every entry changed after a version; applying one twice changes nothing.
 *
 * @param active whether the entry may match now (not removed, not quarantined; expiry is checked per query)
 */
public record SignalChange(long entryId, String type, String value, boolean active) {
}
