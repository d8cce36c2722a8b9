package io.takedown.access;

import java.util.Set;

/**
 * The user acting, with their agency, as the directory knows them.
 *
 * @param agency agency code, e.g. {@code NL-IRU}
 * @param country ISO 3166 code of the agency
 */
public record Actor(long userId, String name, String agency, String country, AgencyKind agencyKind,
                    Set<Role> roles) {
}
