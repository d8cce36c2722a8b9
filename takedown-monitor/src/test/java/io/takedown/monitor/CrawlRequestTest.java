package io.takedown.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.monitor.crawl.CrawlSettings;
import io.takedown.monitor.crawl.Route;
import io.takedown.monitor.frontier.MonitoredOutlet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrawlRequestTest {

    private static final Actor NL = new Actor(1, "nl-ana", "NL-IRU", "NL", AgencyKind.COMPETENT_AUTHORITY,
            Set.of(Role.ANALYST));
    private static final Actor DE = new Actor(2, "de-ana", "DE-CA", "DE", AgencyKind.COMPETENT_AUTHORITY,
            Set.of(Role.ANALYST));
    private static final CrawlRequest BASE = CrawlRequest.of(Route.resolver(host -> Optional.empty()), CrawlSettings.RANGE);

    private static MonitoredOutlet outlet(Optional<String> agency) {
        return new MonitoredOutlet(7, "o07", List.of("o07.test"), List.of("http://o07.test/"), agency, Optional.empty());
    }

    @Test
    void caseOwner_outletOfAnAgencyWithAnOwner_isThatAgencysUser() {
        CrawlRequest request = BASE.as(NL).casesBy(Map.of("DE-CA", DE));

        assertThat(request.caseOwner(outlet(Optional.of("DE-CA")))).contains(DE);
    }

    @Test
    void caseOwner_outletOfAnotherAgencyOrNone_fallsBackToTheActingUser() {
        CrawlRequest request = BASE.as(NL).casesBy(Map.of("DE-CA", DE));

        assertThat(request.caseOwner(outlet(Optional.of("FR-CA")))).contains(NL);
        assertThat(request.caseOwner(outlet(Optional.empty()))).contains(NL);
    }

    @Test
    void caseOwner_nobodyActs_outletOfAnAgencyWithoutOwnerHasNone() {
        CrawlRequest request = BASE.casesBy(Map.of("DE-CA", DE));

        assertThat(request.caseOwner(outlet(Optional.of("FR-CA")))).isEmpty();
        assertThat(BASE.caseOwner(outlet(Optional.of("DE-CA")))).isEmpty();
    }

    @Test
    void casesBy_survivesTheOtherBuilders() {
        CrawlRequest request = BASE.casesBy(Map.of("DE-CA", DE)).as(NL).listener(BASE.listener()).stop(() -> true);

        assertThat(request.caseOwners()).containsEntry("DE-CA", DE);
        assertThat(request.actor()).contains(NL);
    }
}
