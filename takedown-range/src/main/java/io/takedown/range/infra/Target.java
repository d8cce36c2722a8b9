package io.takedown.range.infra;

/**
 * Something that can be taken down, e.g. {@code registrar:reg-02} or {@code domain:velara-bulletin.test}.
 */
public record Target(TargetKind kind, String id) implements Comparable<Target> {

    public static Target provider(String id) {
        return new Target(TargetKind.PROVIDER, id);
    }

    public static Target registrar(String id) {
        return new Target(TargetKind.REGISTRAR, id);
    }

    public static Target domain(String name) {
        return new Target(TargetKind.DOMAIN, name);
    }

    public static Target cdnAccount(String id) {
        return new Target(TargetKind.CDN_ACCOUNT, id);
    }

    public static Target updateUrl(String url) {
        return new Target(TargetKind.UPDATE_URL, url);
    }

    /** Parses {@link #key()}. */
    public static Target parse(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a target key: '" + key + "'");
        }
        return new Target(TargetKind.ofPrefix(key.substring(0, colon)), key.substring(colon + 1));
    }

    public String key() {
        return kind.prefix() + ":" + id;
    }

    @Override
    public int compareTo(Target other) {
        return key().compareTo(other.key());
    }

    @Override
    public String toString() {
        return key();
    }
}
