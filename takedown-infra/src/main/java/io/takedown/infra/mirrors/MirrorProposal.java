package io.takedown.infra.mirrors;

import java.util.List;

/**
 * A site proposed as a mirror of an outlet, with the evidence and the confidence (0-1) that it is one.
 *
 * @param score the sum of the evidence weights (log-odds before the prior)
 */
public record MirrorProposal(String host, String outlet, double confidence, double score, List<Evidence> evidence) {

    public MirrorProposal {
        evidence = List.copyOf(evidence);
    }
}
