package io.takedown.cli;

import io.takedown.banks.BankStore;
import io.takedown.core.TakedownHome;
import io.takedown.signals.SignalRegistry;
import io.takedown.store.Database;
import java.time.Clock;

/**
 * What a command works on: the data directory's database and the stores over it, opened on first use and
 * closed when the command ends.
 */
final class Workspace implements AutoCloseable {

    private final TakedownHome home;
    private final String databaseUrl;
    private Database database;
    private BankStore banks;

    Workspace(TakedownHome home, String databaseUrl) {
        this.home = home;
        this.databaseUrl = databaseUrl;
    }

    Database database() {
        if (database == null) {
            database = databaseUrl != null ? Database.open(databaseUrl) : Database.embedded(home.root());
        }
        return database;
    }

    BankStore banks() {
        if (banks == null) {
            banks = new BankStore(database(), SignalRegistry.discover(), Clock.systemUTC());
        }
        return banks;
    }

    private io.takedown.audit.Signer signer;

    /** The agency's signing key, kept in the data directory. */
    io.takedown.audit.Signer signer() {
        if (signer == null) {
            signer = io.takedown.audit.Signer.inDirectory(home.resolve("keys"));
        }
        return signer;
    }

    io.takedown.audit.AuditLog audit() {
        return new io.takedown.audit.AuditLog(database().dialect(), signer(), Clock.systemUTC());
    }

    io.takedown.cases.Directory directory() {
        return new io.takedown.cases.Directory(database(), audit());
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
