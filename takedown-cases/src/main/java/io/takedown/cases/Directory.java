package io.takedown.cases;

import io.takedown.access.Action;
import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Policy;
import io.takedown.access.Role;
import io.takedown.audit.AuditLog;
import io.takedown.core.InvalidInputException;
import io.takedown.core.TakedownException;
import io.takedown.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Agencies and users. The first agency and user may be created by anyone (bootstrap); after that only an
 * administrator changes the directory. Every change is audited.
 */
public final class Directory {

    private final Database database;
    private final AuditLog audit;

    public Directory(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    public Agency addAgency(Optional<Actor> by, String code, String name, String country, AgencyKind kind,
                            Optional<String> endpoint) {
        if (!code.matches("[A-Z0-9][A-Z0-9_-]{1,39}")) {
            throw new InvalidInputException(null, "agency code '" + code + "' must be 2-40 upper-case letters, digits, - _");
        }
        if (!country.matches("[A-Z]{2}")) {
            throw new InvalidInputException(null, "country must be an ISO 3166 alpha-2 code, got '" + country + "'");
        }
        return database.inTransaction(connection -> {
            authorise(connection, by);
            if (agency(connection, code).isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "agency " + code + " already exists");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO agency (code, name, country, kind, endpoint) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, code);
                insert.setString(2, name);
                insert.setString(3, country);
                insert.setString(4, kind.name());
                insert.setString(5, endpoint.orElse(null));
                insert.executeUpdate();
            }
            audit.append(connection, by.map(Actor::name).orElse("bootstrap"), by.map(Actor::agency).orElse(code),
                    "agency-added", "agency:" + code, kind + " " + country);
            return agency(connection, code).orElseThrow();
        });
    }

    public Actor addUser(Optional<Actor> by, String name, String agencyCode, Set<Role> roles) {
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,99}")) {
            throw new InvalidInputException(null, "user name '" + name + "' must be lower-case letters, digits, . _ -");
        }
        if (roles.isEmpty()) {
            throw new InvalidInputException(null, "a user needs at least one role");
        }
        database.inTransaction(connection -> {
            authorise(connection, by);
            Agency agency = agency(connection, agencyCode).orElseThrow(() -> new TakedownException(
                    TakedownException.Kind.NOT_FOUND, "no agency " + agencyCode));
            Set<Role> refused = EnumSet.copyOf(roles);
            refused.removeAll(agency.kind().allowedRoles());
            if (!refused.isEmpty()) {
                throw new InvalidInputException(null, "a user of " + agencyCode + " (" + agency.kind().name()
                        .toLowerCase(Locale.ROOT) + ") may hold " + names(agency.kind().allowedRoles()) + ", not "
                        + names(refused));
            }
            if (findUser(connection, name).isPresent()) {
                throw new TakedownException(TakedownException.Kind.CONFLICT, "user " + name + " already exists");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO app_user (name, agency_id, roles) VALUES (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setLong(2, agency.id());
                insert.setString(3, roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")));
                insert.executeUpdate();
            }
            audit.append(connection, by.map(Actor::name).orElse("bootstrap"), by.map(Actor::agency).orElse(agencyCode),
                    "user-added", "user:" + name, roles.toString());
            return null;
        });
        return actor(name);
    }

    /** Changes where an agency receives notices, orders or copies (an administrator's change, audited). */
    public Agency setEndpoint(Actor by, String code, Optional<String> endpoint) {
        return database.inTransaction(connection -> {
            authorise(connection, Optional.of(by));
            agency(connection, code).orElseThrow(() -> new TakedownException(TakedownException.Kind.NOT_FOUND,
                    "no agency " + code));
            try (PreparedStatement update = connection.prepareStatement("UPDATE agency SET endpoint = ? WHERE code = ?")) {
                update.setString(1, endpoint.orElse(null));
                update.setString(2, code);
                update.executeUpdate();
            }
            audit.append(connection, by.name(), by.agency(), "agency-endpoint", "agency:" + code, endpoint.orElse("none"));
            return agency(connection, code).orElseThrow();
        });
    }

    /** The acting user, or NOT_FOUND naming the user. */
    public Actor actor(String name) {
        return database.inTransaction(connection -> findUser(connection, name)).orElseThrow(() ->
                new TakedownException(TakedownException.Kind.NOT_FOUND, "no user named '" + name
                        + "' in the directory; an administrator adds users with: takedown directory user ..."));
    }

    public Agency agency(String code) {
        return database.inTransaction(connection -> agency(connection, code)).orElseThrow(() ->
                new TakedownException(TakedownException.Kind.NOT_FOUND, "no agency " + code));
    }

    public List<Agency> agencies() {
        return database.inTransaction(connection -> {
            List<Agency> out = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM agency ORDER BY code");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(agency(rows));
                }
            }
            return out;
        });
    }

    private void authorise(Connection connection, Optional<Actor> by) throws SQLException {
        boolean empty;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM app_user");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            empty = rows.getLong(1) == 0;
        }
        if (!empty) {
            Policy.check(by.orElseThrow(() -> new TakedownException(TakedownException.Kind.FORBIDDEN,
                    "the directory is set up; changes need an administrator (--as)")), Action.MANAGE_DIRECTORY);
        }
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", "));
    }

    /**
     * The competent authority of a member state (Art. 4: it scrutinises cross-border orders), preferring one
     * with an endpoint; empty when the directory knows none.
     */
    public static Optional<Agency> competentAuthority(Connection connection, String country) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM agency WHERE kind = ? AND country = ? "
                + "ORDER BY CASE WHEN endpoint IS NULL THEN 1 ELSE 0 END, code")) {
            query.setString(1, AgencyKind.COMPETENT_AUTHORITY.name());
            query.setString(2, country);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(agency(rows)) : Optional.empty();
            }
        }
    }

    /** An agency looked up inside the caller's transaction (a nested transaction would commit it early). */
    public static Optional<Agency> agency(Connection connection, String code) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM agency WHERE code = ?")) {
            query.setString(1, code);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(agency(rows)) : Optional.empty();
            }
        }
    }

    static Agency agencyById(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM agency WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return agency(rows);
            }
        }
    }

    private static Agency agency(ResultSet rows) throws SQLException {
        return new Agency(rows.getLong("id"), rows.getString("code"), rows.getString("name"), rows.getString("country"),
                AgencyKind.valueOf(rows.getString("kind")), Optional.ofNullable(rows.getString("endpoint")));
    }

    private static Optional<Actor> findUser(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT u.id, u.name, u.roles, a.code, a.country, "
                + "a.kind FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Set<Role> roles = EnumSet.noneOf(Role.class);
                Arrays.stream(rows.getString(3).split(",")).map(r -> Role.valueOf(r.trim().toUpperCase(Locale.ROOT)))
                        .forEach(roles::add);
                return Optional.of(new Actor(rows.getLong(1), rows.getString(2), rows.getString(4), rows.getString(5),
                        AgencyKind.valueOf(rows.getString(6)), roles));
            }
        }
    }
}
