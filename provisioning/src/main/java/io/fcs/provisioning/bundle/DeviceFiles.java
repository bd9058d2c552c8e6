package io.fcs.provisioning.bundle;

import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.ProvisioningException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The files a device's TLS stack and start-up options want, made from its config bundle: the
 * signing key as base64 (the edge's {@code --edge-key}, the terminal's {@code --signing-key}),
 * a PKCS#12 key store with the device key and its certificate chain (alias {@code device}), a
 * PKCS#12 trust store with the festival CA (alias {@code festival-ca}), and for an edge the
 * {@code edge.properties} its {@code --config} reads. Both stores share one password.
 */
public final class DeviceFiles {

    public static final String KEY = "device.key";
    public static final String KEY_STORE = "device.p12";
    public static final String TRUST_STORE = "trust.p12";
    public static final String EDGE_CONFIG = "edge.properties";
    static final String DEVICE_ALIAS = "device";
    static final String CA_ALIAS = "festival-ca";

    private DeviceFiles() {}

    /** Writes the files into {@code dir}; answers their paths. A bundle of a CSR enrolment has no key to write. */
    public static List<Path> write(ConfigBundle bundle, Path dir, char[] password) {
        if (bundle.deviceKey().isEmpty()) {
            throw ProvisioningException.refused("the bundle carries no device key (its key was made on the device from"
                    + " a CSR): make the key stores on the device itself");
        }
        byte[] seed = bundle.deviceKeySeed();
        List<X509Certificate> chain = bundle.certificates();
        byte[] keyStore;
        byte[] trustStore;
        try {
            KeyStore device = KeyStore.getInstance("PKCS12");
            device.load(null, null);
            device.setKeyEntry(DEVICE_ALIAS, privateKey(seed), password, chain.toArray(new Certificate[0]));
            keyStore = bytes(device, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(CA_ALIAS, bundle.caCertificate());
            trustStore = bytes(trust, password);
        } catch (GeneralSecurityException | IOException e) {
            throw ProvisioningException.io("cannot make the key stores: " + e.getMessage(), e);
        }
        Path key = dir.resolve(KEY);
        Path keys = dir.resolve(KEY_STORE);
        Path trusts = dir.resolve(TRUST_STORE);
        AtomicFiles.writeSecret(
                key, (Base64.getEncoder().encodeToString(seed) + "\n").getBytes(StandardCharsets.US_ASCII));
        AtomicFiles.writeSecret(keys, keyStore);
        AtomicFiles.writeSecret(trusts, trustStore);
        if (bundle.kind() != DeviceKind.EDGE) {
            return List.of(key, keys, trusts);
        }
        Path config = dir.resolve(EDGE_CONFIG);
        StringBuilder properties = new StringBuilder()
                .append("# edge-node --config: the enrolment of edge ")
                .append(bundle.deviceId())
                .append(" (")
                .append(bundle.name())
                .append(")\n")
                .append(line("festival", bundle.festivalId().toString()))
                .append(line("zone", bundle.zoneId().toString()))
                .append(line("edge-id", bundle.deviceId().toString()))
                .append(line("edge-key", key.toAbsolutePath().toString()))
                .append(line("tls-keystore", keys.toAbsolutePath().toString()))
                .append(line("tls-keystore-password", new String(password)))
                .append(line("tls-truststore", trusts.toAbsolutePath().toString()))
                .append(line("tls-truststore-password", new String(password)));
        if (bundle.centralAddress() != null && !bundle.centralAddress().isBlank()) {
            properties.append(line("central-url", bundle.centralAddress()));
        }
        AtomicFiles.writeSecret(config, properties.toString().getBytes(StandardCharsets.UTF_8));
        return List.of(key, keys, trusts, config);
    }

    private static String line(String key, String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return key + "=" + escaped + "\n";
    }

    private static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException, IOException {
        PrivateKeyInfo info =
                new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DEROctetString(seed));
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }

    private static byte[] bytes(KeyStore store, char[] password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
