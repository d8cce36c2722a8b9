package io.takedown.range.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for one range run (ECDSA P-256): it issues server certificates for loopback
 * addresses and range host names, and builds the TLS contexts both sides need, a server context holding
 * an issued certificate and a client context that trusts this authority only.
 *
 * <p>Validity is in wall-clock time (TLS checks certificates against the machine's clock, not range time):
 * from an hour ago for {@link #VALIDITY}.
 */
public final class RangeCa {

    /** How long issued certificates and the authority itself are valid. */
    public static final Duration VALIDITY = Duration.ofDays(7);

    private static final String SIGNATURE = "SHA256withECDSA";

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final AtomicLong serials = new AtomicLong(2);

    private RangeCa(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new authority with a fresh key. */
    public static RangeCa create() {
        try {
            KeyPair keys = ecKeys();
            X500Name name = new X500Name("CN=Takedown synthetic range CA,O=Takedown range (not trusted elsewhere)");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate())));
            return new RangeCa(keys, certificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the range certificate authority: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The authority's certificate as PEM, for a client's trust store file. */
    public String certificatePem() {
        return pem(certificate);
    }

    /** A server certificate for {@code names} (IP literals become IP SANs, others DNS SANs), with its key. */
    public Issued issue(Collection<String> names) {
        try {
            return issue(names, ecKeys());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a range server certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A server certificate for {@code names} over an existing key pair: sites that reuse a key (range mirrors
     * do) present different certificates with the same public key.
     */
    public Issued issue(Collection<String> names, KeyPair leafKeys) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate,
                    BigInteger.valueOf(serials.getAndIncrement()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), new X500Name("CN=" + names.iterator().next().replace(",", "")),
                    leafKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            List<GeneralName> alternatives = new ArrayList<>();
            for (String name : names) {
                alternatives.add(isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternatives.toArray(GeneralName[]::new)));
            X509Certificate leaf = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate())));
            return new Issued(leafKeys, leaf, certificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a range server certificate: " + e.getMessage(), e);
        }
    }

    /** A TLS server context presenting a certificate for {@code names}. */
    public SSLContext serverContext(Collection<String> names) {
        return issue(names).serverContext();
    }

    /** A TLS client context that trusts this authority and nothing else. */
    public SSLContext clientContext() {
        return trusting(List.of(certificate));
    }

    /** A TLS client context trusting exactly {@code anchors} (not the JDK's default authorities). */
    public static SSLContext trusting(Collection<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM text (a trust file may hold several authorities). */
    public static List<X509Certificate> readPem(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An issued server certificate with its key and the chain up to the authority. */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate issuer) {
        public SSLContext serverContext() {
            try {
                char[] password = "range".toCharArray();
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", keys.getPrivate(), password, new Certificate[] {certificate, issuer});
                KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                managers.init(store, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(managers.getKeyManagers(), null, new SecureRandom());
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build a TLS server context: " + e.getMessage(), e);
            }
        }
    }

    /** A fresh key pair of the kind this authority issues for (ECDSA P-256). */
    public static KeyPair newKeyPair() {
        try {
            return ecKeys();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a key pair: " + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static boolean isIpLiteral(String name) {
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false;
        }
        try {
            // A literal parses without a lookup.
            InetAddress.getByName(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
