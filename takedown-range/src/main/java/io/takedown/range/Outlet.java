package io.takedown.range;

import java.util.List;

/**
 * A fictional outlet and its infrastructure. Names are invented from neutral syllables.
 *
 * @param domains primary domain first, then mirrors (all under the reserved {@code .test} TLD)
 * @param providers provider id per domain, same order
 * @param logoColour RGB of the outlet's logo mark, which every one of its images carries
 */
public record Outlet(int index, String id, String name, List<String> languages, List<String> domains,
                     List<String> providers, String cdn, String registrar, String tlsFingerprint, String analyticsId,
                     int logoColour, String newsletterAddress) {

    public String primaryDomain() {
        return domains.getFirst();
    }
}
