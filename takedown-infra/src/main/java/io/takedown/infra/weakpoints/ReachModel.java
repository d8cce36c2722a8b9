package io.takedown.infra.weakpoints;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Channels with their audiences and routes, and the removable targets, as bit masks: removing a set cuts
 * a channel when it hits every one of its routes. Immutable; evaluations are allocation-free.
 */
public final class ReachModel {

    private final List<AudienceChannel> channels;
    private final List<String> candidates;
    private final Map<String, Integer> index = new HashMap<>();
    private final long[][][] routes;
    private final int words;
    private final long total;

    private ReachModel(List<AudienceChannel> channels, Predicate<String> removable) {
        this.channels = List.copyOf(channels);
        Set<String> all = new TreeSet<>();
        channels.forEach(c -> c.routes().forEach(all::addAll));
        this.candidates = all.stream().filter(removable).toList();
        for (int i = 0; i < candidates.size(); i++) {
            index.put(candidates.get(i), i);
        }
        this.words = Math.max(1, (candidates.size() + 63) / 64);
        this.routes = new long[channels.size()][][];
        long sum = 0;
        for (int c = 0; c < channels.size(); c++) {
            AudienceChannel channel = channels.get(c);
            sum += channel.audience();
            routes[c] = new long[channel.routes().size()][words];
            for (int r = 0; r < channel.routes().size(); r++) {
                for (String target : channel.routes().get(r)) {
                    Integer i = index.get(target);
                    if (i != null) {
                        routes[c][r][i >>> 6] |= 1L << (i & 63);
                    }
                }
            }
        }
        this.total = sum;
    }

    /** A model over {@code channels}; targets for which {@code removable} is false can never be taken down. */
    public static ReachModel of(List<AudienceChannel> channels, Predicate<String> removable) {
        return new ReachModel(channels, removable);
    }

    public List<AudienceChannel> channels() {
        return channels;
    }

    /** Removable targets that lie on some route, sorted. */
    public List<String> candidates() {
        return candidates;
    }

    public long total() {
        return total;
    }

    long[] mask(Collection<String> targets) {
        long[] mask = new long[words];
        for (String target : targets) {
            Integer i = index.get(target);
            if (i != null) {
                mask[i >>> 6] |= 1L << (i & 63);
            }
        }
        return mask;
    }

    long[] empty() {
        return new long[words];
    }

    static void set(long[] mask, int candidate) {
        mask[candidate >>> 6] |= 1L << (candidate & 63);
    }

    static void clear(long[] mask, int candidate) {
        mask[candidate >>> 6] &= ~(1L << (candidate & 63));
    }

    /** Audience cut by removing the targets in {@code mask}. */
    long removed(long[] mask) {
        long removed = 0;
        for (int c = 0; c < routes.length; c++) {
            if (cut(c, mask)) {
                removed += channels.get(c).audience();
            }
        }
        return removed;
    }

    private boolean cut(int channel, long[] mask) {
        for (long[] route : routes[channel]) {
            boolean hit = false;
            for (int w = 0; w < words && !hit; w++) {
                hit = (route[w] & mask[w]) != 0;
            }
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    /** Audience cut by removing {@code targets} (unknown or unremovable ones change nothing). */
    public long removed(Collection<String> targets) {
        return removed(mask(targets));
    }

    /** The channels {@code targets} cut. */
    public List<AudienceChannel> cut(Collection<String> targets) {
        long[] mask = mask(targets);
        List<AudienceChannel> out = new ArrayList<>();
        for (int c = 0; c < routes.length; c++) {
            if (cut(c, mask)) {
                out.add(channels.get(c));
            }
        }
        return out;
    }
}
