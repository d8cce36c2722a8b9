package io.takedown.infra.graph;

/** What a node of the infrastructure graph is. The id of a node is {@code prefix:key}. */
public enum NodeType {
    OUTLET("outlet"),
    DOMAIN("domain"),
    ADDRESS("address"),
    PROVIDER("provider"),
    REGISTRAR("registrar"),
    CDN_OPERATOR("cdn-operator"),
    CDN_ACCOUNT("cdn"),
    CERTIFICATE("certificate"),
    KEY("key"),
    ANALYTICS_ID("analytics"),
    FAVICON("favicon"),
    ASSET("asset"),
    UPDATE_URL("update-url"),
    EXTENSION("extension"),
    APP("app"),
    NEWSLETTER("newsletter");

    private final String prefix;

    NodeType(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String id(String key) {
        return prefix + ":" + key;
    }

    public static NodeType ofId(String id) {
        String prefix = id.substring(0, Math.max(0, id.indexOf(':')));
        for (NodeType type : values()) {
            if (type.prefix.equals(prefix)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a node id: '" + id + "'");
    }
}
