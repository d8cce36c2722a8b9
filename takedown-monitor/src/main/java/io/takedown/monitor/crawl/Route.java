package io.takedown.monitor.crawl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a request for a host goes: straight to the address a resolver gives (the range's own resolver, in
 * process), or to a forward proxy on loopback that knows the names (the range's proxy mode, from another
 * process). Either way the address must be on loopback: {@link LoopbackHttp} refuses any other.
 */
public sealed interface Route {

    /** The address to connect to for {@code host:port}. */
    InetSocketAddress address(String host, int port) throws IOException;

    /** Whether requests go in absolute form to a proxy. */
    boolean viaProxy();

    static Route resolver(Function<String, Optional<InetSocketAddress>> resolver) {
        return new Direct(resolver);
    }

    static Route proxy(InetSocketAddress proxy) {
        return new Proxy(proxy);
    }

    /** Connects to the address the resolver gives for the host. */
    record Direct(Function<String, Optional<InetSocketAddress>> resolver) implements Route {
        @Override
        public InetSocketAddress address(String host, int port) throws IOException {
            return resolver.apply(host).orElseThrow(() -> new IOException("no route to " + host
                    + ": not a range name"));
        }

        @Override
        public boolean viaProxy() {
            return false;
        }
    }

    /** Sends every request to one forward proxy. */
    record Proxy(InetSocketAddress proxy) implements Route {
        @Override
        public InetSocketAddress address(String host, int port) {
            return proxy;
        }

        @Override
        public boolean viaProxy() {
            return true;
        }
    }
}
