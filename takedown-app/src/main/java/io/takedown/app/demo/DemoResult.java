package io.takedown.app.demo;

import java.time.Duration;
import java.util.List;

/** Every act of one demo run, in order, and how long it took. */
public record DemoResult(List<DemoAct> acts, Duration elapsed) {

    public <T extends DemoAct> java.util.Optional<T> act(Class<T> type) {
        return acts.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
