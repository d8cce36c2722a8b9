package io.takedown.app.demo;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.cases.Directory;
import io.takedown.core.TakedownException;
import io.takedown.range.Provider;
import io.takedown.range.World;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's directory: a coordination hub, four member states' authorities (each with an analyst and an
 * approver, so four eyes hold inside every agency), and the range's providers with a staff member each who
 * records what the provider did. All fictional; created on first run and reused after.
 */
final class DemoDirectory {

    static final String HUB = "EU-HUB";
    static final String ADMIN = "demo-admin";
    static final String COORDINATOR = "hub-coordinator";
    /** Code, country, name of the participating authorities; the last one will not give its go. */
    static final List<String[]> AUTHORITIES = List.of(
            new String[] {"NL-IRU", "NL", "Dutch internet referral unit (fictional)"},
            new String[] {"DE-CA", "DE", "German competent authority (fictional)"},
            new String[] {"FR-CA", "FR", "French competent authority (fictional)"},
            new String[] {"BE-CA", "BE", "Belgian competent authority (fictional)"});

    /** Who acts in the demo. */
    record People(Actor admin, Actor coordinator, Map<String, Actor> analysts, Map<String, Actor> approvers,
                  Map<String, Actor> providerStaff) {
    }

    private DemoDirectory() {
    }

    /** The demo's people, created when missing; empty when the directory belongs to someone else. */
    static Optional<People> ensure(Directory directory, World world) {
        Actor admin;
        try {
            admin = directory.actor(ADMIN);
        } catch (TakedownException missing) {
            try {
                directory.addAgency(Optional.empty(), HUB, "Coordination hub (fictional)", "NL", AgencyKind.COORDINATOR,
                        Optional.empty());
                admin = directory.addUser(Optional.empty(), ADMIN, HUB, Set.of(Role.ADMIN));
            } catch (TakedownException taken) {
                return Optional.empty();
            }
        }
        Actor coordinator = user(directory, admin, COORDINATOR, HUB, Role.COORDINATOR);
        Map<String, Actor> analysts = new LinkedHashMap<>();
        Map<String, Actor> approvers = new LinkedHashMap<>();
        for (String[] authority : AUTHORITIES) {
            agency(directory, admin, authority[0], authority[2], authority[1], AgencyKind.COMPETENT_AUTHORITY);
            String prefix = authority[1].toLowerCase(java.util.Locale.ROOT);
            analysts.put(authority[0], user(directory, admin, prefix + "-analyst", authority[0], Role.ANALYST));
            approvers.put(authority[0], user(directory, admin, prefix + "-approver", authority[0], Role.APPROVER));
        }
        Map<String, Actor> staff = new LinkedHashMap<>();
        for (Provider provider : world.providers()) {
            String code = providerCode(provider.id());
            agency(directory, admin, code, provider.name() + " (range)", provider.country(), AgencyKind.PROVIDER);
            staff.put(code, user(directory, admin, code.toLowerCase(java.util.Locale.ROOT) + "-staff", code,
                    Role.PROVIDER_STAFF));
        }
        return Optional.of(new People(admin, coordinator, analysts, approvers, staff));
    }

    /**
     * Points the providers and the member states' competent authorities at this run's range endpoints (HTTPS;
     * the ports change per run). A provider's country without a demo authority gets the range's own.
     */
    static void wire(Directory directory, Actor admin, World world, io.takedown.range.RangeServer server) {
        java.util.Set<String> countries = new java.util.TreeSet<>();
        for (Provider provider : world.providers()) {
            directory.setEndpoint(admin, providerCode(provider.id()),
                    Optional.of(server.tlsNoticeEndpoint(provider.id()).toString()));
            countries.add(provider.country());
        }
        for (String[] authority : AUTHORITIES) {
            directory.setEndpoint(admin, authority[0], Optional.of(server.authorityEndpoint(authority[1]).toString()));
            countries.remove(authority[1]);
        }
        for (String country : countries) {
            String code = "RANGE-CA-" + country;
            agency(directory, admin, code, "Competent authority of " + country + " (range)", country,
                    AgencyKind.COMPETENT_AUTHORITY);
            directory.setEndpoint(admin, code, Optional.of(server.authorityEndpoint(country).toString()));
        }
    }

    /** The directory code of a range provider: {@code provider-02} is {@code RANGE-02}. */
    static String providerCode(String rangeProviderId) {
        return "RANGE-" + rangeProviderId.substring(rangeProviderId.lastIndexOf('-') + 1);
    }

    static String rangeProviderId(String code) {
        return "provider-" + code.substring(code.lastIndexOf('-') + 1);
    }

    private static void agency(Directory directory, Actor admin, String code, String name, String country,
                               AgencyKind kind) {
        try {
            directory.agency(code);
        } catch (TakedownException missing) {
            directory.addAgency(Optional.of(admin), code, name, country, kind, Optional.empty());
        }
    }

    private static Actor user(Directory directory, Actor admin, String name, String agency, Role role) {
        try {
            return directory.actor(name);
        } catch (TakedownException missing) {
            return directory.addUser(Optional.of(admin), name, agency, Set.of(role));
        }
    }
}
