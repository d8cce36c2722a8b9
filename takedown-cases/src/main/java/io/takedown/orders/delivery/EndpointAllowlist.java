package io.takedown.orders.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which endpoints delivery may contact: HTTPS only, to an IP literal inside an allowed network (CIDR) or
 * to a host name listed exactly. The default is loopback only, so a directory entry pointing anywhere else
 * is refused before a connection is opened.
 */
public final class EndpointAllowlist {

    private record Network(byte[] base, int bits) {
        boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (base[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> networks;
    private final List<String> hosts;
    private final List<String> entries;

    private EndpointAllowlist(List<Network> networks, List<String> hosts, List<String> entries) {
        this.networks = networks;
        this.hosts = hosts;
        this.entries = entries;
    }

    /** 127.0.0.0/8 and ::1. */
    public static EndpointAllowlist loopbackOnly() {
        return parse(List.of("127.0.0.0/8", "::1/128"));
    }

    /** Entries: {@code 10.1.0.0/16}, {@code 2001:db8::/32}, a single address, or a host name. */
    public static EndpointAllowlist parse(List<String> entries) {
        List<Network> networks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] parts = entry.split("/", 2);
            if (isLiteral(parts[0])) {
                byte[] base = literal(parts[0]);
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : base.length * 8;
                if (bits < 0 || bits > base.length * 8) {
                    throw new IllegalArgumentException("bad network length in allowlist entry '" + entry + "'");
                }
                networks.add(new Network(base, bits));
            } else if (entry.matches("[A-Za-z0-9.-]+")) {
                hosts.add(entry.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("allowlist entry '" + entry + "' is neither a network nor a host name");
            }
        }
        return new EndpointAllowlist(List.copyOf(networks), List.copyOf(hosts), List.copyOf(entries));
    }

    /** Refuses anything but an allowlisted HTTPS endpoint, naming why. */
    public void check(URI endpoint) {
        if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new DeliveryRefusedException("refusing to deliver over " + endpoint.getScheme() + " to " + endpoint
                    + ": orders travel over HTTPS only");
        }
        String host = endpoint.getHost();
        if (host == null) {
            throw new DeliveryRefusedException("endpoint " + endpoint + " names no host");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean allowed = isLiteral(bare)
                ? networks.stream().anyMatch(n -> n.contains(literal(bare)))
                : hosts.contains(bare.toLowerCase(Locale.ROOT));
        if (!allowed) {
            throw new DeliveryRefusedException("endpoint " + endpoint + " is not on the delivery allowlist " + entries);
        }
    }

    private static boolean isLiteral(String text) {
        return text.matches("[0-9.]+") && text.chars().filter(c -> c == '.').count() == 3 || text.contains(":");
    }

    private static byte[] literal(String text) {
        try {
            // Literals only: getByName parses them without a name lookup.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
