package io.takedown.range.infra;

import io.takedown.range.tls.RangeCa;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the server certificate per handshake from the name the client asked for (SNI), the way one
 * address serves many sites. Server side only; the range's keys are ECDSA, so only EC key types match.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    private final Function<Optional<String>, RangeCa.Issued> choose;
    /** Aliases handed to the TLS engine (the certificate's serial, unique under one authority), so later lookups find them. */
    private final Map<String, RangeCa.Issued> chosen = new ConcurrentHashMap<>();

    SniKeyManager(Function<Optional<String>, RangeCa.Issued> choose) {
        this.choose = choose;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    private String alias(String keyType, SSLSession session) {
        if (keyType == null || !keyType.toUpperCase(Locale.ROOT).startsWith("EC")) {
            return null;
        }
        Optional<String> name = Optional.empty();
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName requested : extended.getRequestedServerNames()) {
                if (requested instanceof SNIHostName host) {
                    name = Optional.of(host.getAsciiName().toLowerCase(Locale.ROOT));
                }
            }
        }
        RangeCa.Issued issued = choose.apply(name);
        String alias = "serial-" + issued.certificate().getSerialNumber().toString(16);
        chosen.putIfAbsent(alias, issued);
        return alias;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        RangeCa.Issued issued = chosen.get(alias);
        return issued == null ? null : new X509Certificate[] {issued.certificate(), issued.issuer()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        RangeCa.Issued issued = chosen.get(alias);
        return issued == null ? null : issued.keys().getPrivate();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
