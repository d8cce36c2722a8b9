package io.takedown.range.infra;

/** What an authority can act against to cut an outlet's reach. */
public enum TargetKind {
    /** A hosting provider: removes what it hosts (unless it ignores orders). */
    PROVIDER("provider"),
    /** A registrar: suspends the domains registered with it (unless it ignores orders). */
    REGISTRAR("registrar"),
    /** One domain, suspended at its registry. */
    DOMAIN("domain"),
    /** An outlet's account at a CDN: the fronted sites stop being served. */
    CDN_ACCOUNT("cdn"),
    /** One update or configuration URL an extension or app polls. */
    UPDATE_URL("update-url");

    private final String prefix;

    TargetKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public static TargetKind ofPrefix(String prefix) {
        for (TargetKind kind : values()) {
            if (kind.prefix.equals(prefix)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown target kind '" + prefix + "'");
    }
}
