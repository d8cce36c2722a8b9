package io.takedown.orders;

import io.takedown.access.Handling;
import io.takedown.audit.Signer;
import io.takedown.store.Database;
import java.nio.file.Path;

/**
 * Child process of {@link CrashRecoveryTest}: sends orders as fast as it can and prints {@code ACK id
 * deadline} after each committed one, until it is killed.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) {
        Database database = Database.open(args[0]);
        LegalFixture f = new LegalFixture(database, Signer.inDirectory(Path.of(args[1])));
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            RemovalOrder sent = f.received("https://reniva-courier.test/articles/" + i + ".html", Handling.GREEN,
                    "HOST-NL");
            System.out.println("ACK " + sent.id() + " " + sent.deadlineAt().orElseThrow());
            System.out.flush();
        }
    }
}
