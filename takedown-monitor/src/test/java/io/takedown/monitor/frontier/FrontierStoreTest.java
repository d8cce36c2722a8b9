package io.takedown.monitor.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.takedown.core.InvalidInputException;
import io.takedown.store.Database;
import io.takedown.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrontierStoreTest {

    @TempDir
    static Path temp;

    static List<TestDatabases.Target> databases() {
        return TestDatabases.fresh(temp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void confirmMirror_newDomain_joinsScopeAndSeedsOnce(TestDatabases.Target target) {
        try (Database database = target.open()) {
            FrontierStore store = new FrontierStore(database, Clock.systemUTC());
            store.addOutlet("o00", List.of("http://main.test/"), List.of("main.test"), Optional.of("NL-IRU"));

            store.confirmMirror("o00", "  Mirror-1.TEST ");
            MonitoredOutlet twice = store.confirmMirror("o00", "mirror-1.test");

            assertThat(twice.domains()).containsExactly("main.test", "mirror-1.test");
            // A mirror found by observation may be linked from nowhere the crawl reaches: its home page seeds it.
            assertThat(twice.seeds()).containsExactly("http://main.test/", "http://mirror-1.test/");
            assertThat(twice.inScope("cdn.mirror-1.test")).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void confirmMirror_notADomainName_refusedAndScopeUnchanged(TestDatabases.Target target) {
        try (Database database = target.open()) {
            FrontierStore store = new FrontierStore(database, Clock.systemUTC());
            store.addOutlet("o00", List.of("http://main.test/"), List.of("main.test"), Optional.empty());

            for (String bad : List.of("", "mirror.test/path", "http://mirror.test", "-mirror.test", "a b.test",
                    "x".repeat(300))) {
                assertThatThrownBy(() -> store.confirmMirror("o00", bad)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("is not a domain name");
            }
            assertThat(store.outlets()).singleElement().satisfies(o -> {
                assertThat(o.domains()).containsExactly("main.test");
                assertThat(o.seeds()).containsExactly("http://main.test/");
            });
        }
    }
}
