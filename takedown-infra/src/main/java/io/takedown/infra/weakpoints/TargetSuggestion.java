package io.takedown.infra.weakpoints;

import java.util.List;

/**
 * One suggested target, in a form an action day can take as a target: what to act against, whom to send
 * the order or referral to, which URLs it concerns, and why.
 *
 * @param rank 1 for the first chosen
 * @param target the node id, e.g. {@code registrar:reg-02}, {@code update-url:http://x.test/ext/updates.json}
 * @param kind {@code provider}, {@code registrar}, {@code domain}, {@code cdn} or {@code update-url}
 * @param addressee who acts on it: the provider, registrar or CDN operator (node id), for a domain its
 *                  registrar, for an update URL the provider hosting it
 * @param urls the URLs concerned: the domain's root, the update URL; empty for a provider or registrar
 * @param reachRemoved audience this target cuts on top of the targets ranked before it
 * @param channels channels cut by the whole suggestion that this target is needed for
 * @param outlets outlets those channels belong to
 * @param reason one sentence for people
 */
public record TargetSuggestion(int rank, String target, String kind, String label, String addressee, List<String> urls,
                               long reachRemoved, List<String> channels, List<String> outlets, String reason) {

    public TargetSuggestion {
        urls = List.copyOf(urls);
        channels = List.copyOf(channels);
        outlets = List.copyOf(outlets);
    }
}
