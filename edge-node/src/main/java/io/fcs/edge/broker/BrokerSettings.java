package io.fcs.edge.broker;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the zone's broker listens and with which TLS material; plain TCP is for development only. */
public record BrokerSettings(String bindAddress, int port, int maxPacketBytes, Optional<Tls> tls) {

    public BrokerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("MQTT port out of range: " + port);
        }
        if (maxPacketBytes < 1024) {
            throw new IllegalArgumentException("max packet size too small: " + maxPacketBytes);
        }
    }

    /** PKCS#12 key store with the edge's certificate, trust store with the festival CA. */
    public record Tls(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(keystorePassword, "keystorePassword");
            Objects.requireNonNull(truststore, "truststore");
            Objects.requireNonNull(truststorePassword, "truststorePassword");
        }
    }
}
