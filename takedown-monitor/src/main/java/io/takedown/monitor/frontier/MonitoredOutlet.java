package io.takedown.monitor.frontier;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An outlet the monitor watches: where its crawl starts and which hosts are in its scope (its own domains
 * and the mirrors confirmed since).
 *
 * @param agency the agency whose case a match opens, when set
 * @param caseId the case matches are added to, once one was opened
 */
public record MonitoredOutlet(long id, String name, List<String> domains, List<String> seeds, Optional<String> agency,
                              Optional<Long> caseId) {

    public MonitoredOutlet {
        domains = List.copyOf(domains);
        seeds = List.copyOf(seeds);
    }

    /** Whether a host is in scope: one of the domains or a subdomain of one. */
    public boolean inScope(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String domain : domains) {
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }
}
