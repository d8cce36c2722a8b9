package io.takedown.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TakedownHomeTest {

    private static final Path USER_HOME = Path.of("/home/analyst");

    @Test
    void resolve_explicitOptionWins() {
        var home = TakedownHome.resolve(Path.of("/srv/td"), Map.of("TAKEDOWN_HOME", "/env/td"), USER_HOME);
        assertThat(home.root()).isEqualTo(Path.of("/srv/td"));
    }

    @Test
    void resolve_environmentBeforeUserHome() {
        var home = TakedownHome.resolve(null, Map.of("TAKEDOWN_HOME", "/env/td"), USER_HOME);
        assertThat(home.root()).isEqualTo(Path.of("/env/td"));
    }

    @Test
    void resolve_defaultsToDotTakedown() {
        var home = TakedownHome.resolve(null, Map.of("TAKEDOWN_HOME", " "), USER_HOME);
        assertThat(home.root()).isEqualTo(Path.of("/home/analyst/.takedown"));
    }
}
