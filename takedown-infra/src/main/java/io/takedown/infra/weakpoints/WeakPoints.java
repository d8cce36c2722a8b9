package io.takedown.infra.weakpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses targets. Removing targets to cut channels whose routes are alternatives is a hitting-set
 * problem (NP-hard), and single removals often show no gain at all when a channel has two routes, so
 * plain greedy goes wrong exactly where resilient networks are built. {@link #suggest} therefore looks at
 * pairs as well as single targets at each step, then improves the set by swaps until no swap helps.
 * {@link #optimum} enumerates every set of the budget's size (small graphs only); {@link #naive} removes the
 * main domain of each outlet, largest audience first.
 */
public final class WeakPoints {

    private WeakPoints() {
    }

    public static Plan suggest(ReachModel model, int budget) {
        int n = model.candidates().size();
        long[] chosen = model.empty();
        List<Integer> order = new ArrayList<>();
        long current = 0;
        while (order.size() < Math.min(budget, n)) {
            int bestSingle = -1;
            long singleGain = 0;
            for (int i = 0; i < n; i++) {
                if (order.contains(i)) {
                    continue;
                }
                ReachModel.set(chosen, i);
                long gain = model.removed(chosen) - current;
                ReachModel.clear(chosen, i);
                if (gain > singleGain) {
                    singleGain = gain;
                    bestSingle = i;
                }
            }
            int[] bestPair = null;
            long pairGain = 0;
            if (budget - order.size() >= 2) {
                for (int i = 0; i < n; i++) {
                    if (order.contains(i)) {
                        continue;
                    }
                    ReachModel.set(chosen, i);
                    for (int j = i + 1; j < n; j++) {
                        if (order.contains(j)) {
                            continue;
                        }
                        ReachModel.set(chosen, j);
                        long gain = model.removed(chosen) - current;
                        ReachModel.clear(chosen, j);
                        if (gain > pairGain) {
                            pairGain = gain;
                            bestPair = new int[] {i, j};
                        }
                    }
                    ReachModel.clear(chosen, i);
                }
            }
            // A pair is worth its two slots only when it beats the best single target's rate.
            if (bestPair != null && pairGain > 2 * singleGain) {
                for (int i : bestPair) {
                    ReachModel.set(chosen, i);
                    order.add(i);
                }
            } else if (bestSingle >= 0) {
                ReachModel.set(chosen, bestSingle);
                order.add(bestSingle);
            } else {
                break; // nothing left cuts anything
            }
            current = model.removed(chosen);
        }
        current = improveBySwaps(model, chosen, order, current);
        return new Plan("suggested", order.stream().map(model.candidates()::get).toList(), current, model.total());
    }

    private static long improveBySwaps(ReachModel model, long[] chosen, List<Integer> order, long current) {
        int n = model.candidates().size();
        boolean improved = true;
        while (improved) {
            improved = false;
            for (int slot = 0; slot < order.size() && !improved; slot++) {
                int out = order.get(slot);
                ReachModel.clear(chosen, out);
                for (int in = 0; in < n && !improved; in++) {
                    if (order.contains(in)) {
                        continue;
                    }
                    ReachModel.set(chosen, in);
                    long value = model.removed(chosen);
                    if (value > current) {
                        order.set(slot, in);
                        current = value;
                        improved = true;
                    } else {
                        ReachModel.clear(chosen, in);
                    }
                }
                if (!improved) {
                    ReachModel.set(chosen, out);
                }
            }
        }
        return current;
    }

    /** The number of sets of size {@code k} among {@code n}, saturating at {@link Long#MAX_VALUE}. */
    public static long combinations(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        k = Math.min(k, n - k);
        long result = 1;
        for (int i = 1; i <= k; i++) {
            long next = result * (n - k + i);
            if (next / (n - k + i) != result) {
                return Long.MAX_VALUE;
            }
            result = next / i;
        }
        return result;
    }

    /**
     * The best set of {@code budget} targets, by enumerating all of them; empty when there are more than
     * {@code maxSets} sets to try. Removing more never cuts less, so sets of exactly the budget suffice.
     */
    public static Optional<Plan> optimum(ReachModel model, int budget, long maxSets) {
        int n = model.candidates().size();
        int k = Math.min(budget, n);
        if (combinations(n, k) > maxSets) {
            return Optional.empty();
        }
        int[] pick = new int[k];
        for (int i = 0; i < k; i++) {
            pick[i] = i;
        }
        long best = -1;
        int[] bestPick = pick.clone();
        long[] mask = model.empty();
        while (true) {
            java.util.Arrays.fill(mask, 0);
            for (int i : pick) {
                ReachModel.set(mask, i);
            }
            long value = model.removed(mask);
            if (value > best) {
                best = value;
                bestPick = pick.clone();
            }
            int i = k - 1;
            while (i >= 0 && pick[i] == n - k + i) {
                i--;
            }
            if (i < 0) {
                break;
            }
            pick[i]++;
            for (int j = i + 1; j < k; j++) {
                pick[j] = pick[j - 1] + 1;
            }
        }
        List<String> targets = new ArrayList<>();
        for (int i : bestPick) {
            targets.add(model.candidates().get(i));
        }
        return Optional.of(new Plan("optimum", targets, Math.max(0, best), model.total()));
    }

    /** The main domain of each outlet, largest audience first, up to the budget. */
    public static Plan naive(ReachModel model, List<String> primaryDomainsByAudience, int budget) {
        List<String> targets = primaryDomainsByAudience.stream().limit(budget).toList();
        return new Plan("naive (main domains)", targets, model.removed(targets), model.total());
    }
}
