package io.takedown.monitor;

import io.takedown.access.Actor;
import io.takedown.access.AgencyKind;
import io.takedown.access.Role;
import io.takedown.audit.AuditLog;
import io.takedown.audit.Signer;
import io.takedown.banks.BankStore;
import io.takedown.banks.matching.MatchService;
import io.takedown.banks.matching.MatchSettings;
import io.takedown.banks.matching.Matcher;
import io.takedown.cases.CaseService;
import io.takedown.cases.Directory;
import io.takedown.monitor.capture.ChannelReader;
import io.takedown.monitor.frontier.FrontierStore;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A monitor over a database, with a directory, banks and a matcher, as the composition root wires it. */
final class MonitorFixture implements AutoCloseable {

    final Database database;
    final Clock clock = Clock.systemUTC();
    final AuditLog audit;
    final CaseService cases;
    final BankStore banks;
    final Directory directory;
    final Actor analyst;
    final MonitorService monitor;
    private Matcher matcher;
    private MatchService matching;

    MonitorFixture(Database database, Path warcs, List<ChannelReader> channels) {
        this.database = database;
        audit = new AuditLog(database.dialect(), Signer.ephemeral(), clock);
        cases = new CaseService(database, audit, clock);
        banks = new BankStore(database, SignalRegistry.discover(), clock);
        directory = new Directory(database, audit);
        directory.addAgency(Optional.empty(), "NL-IRU", "Dutch referral unit (fictional)", "NL",
                AgencyKind.COMPETENT_AUTHORITY, Optional.empty());
        Actor admin = directory.addUser(Optional.empty(), "admin", "NL-IRU", Set.of(Role.ADMIN));
        analyst = directory.addUser(Optional.of(admin), "ana", "NL-IRU", Set.of(Role.ANALYST));
        monitor = new MonitorService(new FrontierStore(database, clock), warcs, audit, cases, () -> {
            synchronized (this) {
                if (matcher == null) {
                    matching = MatchService.open(banks, warcs.resolveSibling(warcs.getFileName() + "-index"), clock);
                    matcher = matching.matcher(MatchSettings.DEFAULTS);
                }
                return matcher::match;
            }
        }, channels, clock, 1L << 30);
    }

    @Override
    public void close() {
        if (matching != null) {
            matching.close();
        }
        database.close();
    }
}
