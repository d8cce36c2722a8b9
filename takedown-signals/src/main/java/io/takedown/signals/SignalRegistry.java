package io.takedown.signals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The signal types known to this process, in a stable order (registration order). Built at start-up;
 * two types claiming one name is a configuration error and stops the process early.
 */
public final class SignalRegistry {

    private final Map<String, SignalType> byName;

    public SignalRegistry(List<? extends SignalType> types) {
        Map<String, SignalType> map = new LinkedHashMap<>();
        for (SignalType type : types) {
            SignalType previous = map.putIfAbsent(type.name(), type);
            if (previous != null) {
                throw new IllegalStateException("two signal types are named '" + type.name() + "': "
                        + previous.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Every {@link SignalType} on the class path, ordered by {@link SignalOrder}. */
    public static SignalRegistry discover() {
        List<SignalType> types = new ArrayList<>();
        ServiceLoader.load(SignalType.class, SignalRegistry.class.getClassLoader()).forEach(types::add);
        types.sort(SignalOrder.COMPARATOR);
        return new SignalRegistry(types);
    }

    public Optional<SignalType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public SignalType get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown signal type '" + name + "'; known: " + String.join(", ", byName.keySet())));
    }

    public List<SignalType> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The types that implement {@code capability}, in registry order. */
    public <T> List<T> withCapability(Class<T> capability) {
        return byName.values().stream().filter(capability::isInstance).map(capability::cast).toList();
    }
}
