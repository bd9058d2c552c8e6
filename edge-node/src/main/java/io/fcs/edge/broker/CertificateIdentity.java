package io.fcs.edge.broker;

import io.fcs.protocol.topic.DeviceIdentity;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a TLS client is, read from the certificate the festival CA issued at enrolment: SAN URIs
 * {@code urn:fcs:terminal:<id>} or {@code urn:fcs:edge:<id>}, plus {@code urn:fcs:festival:<id>}
 * and {@code urn:fcs:zone:<id>} (provisioning's {@code CertificateAuthority}). Anything else is
 * no identity, and the ACL then denies everything.
 */
public final class CertificateIdentity {

    static final String PREFIX = "urn:fcs:";
    private static final int SAN_URI = 6;

    private CertificateIdentity() {}

    public static Optional<DeviceIdentity> of(X509Certificate certificate) {
        Map<String, String> urns = new HashMap<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            for (List<?> name : names) {
                if (name.size() == 2
                        && Integer.valueOf(SAN_URI).equals(name.get(0))
                        && name.get(1) instanceof String uri
                        && uri.startsWith(PREFIX)) {
                    String rest = uri.substring(PREFIX.length());
                    int colon = rest.indexOf(':');
                    if (colon > 0) {
                        urns.put(rest.substring(0, colon), rest.substring(colon + 1));
                    }
                }
            }
            if (!urns.containsKey("festival") || !urns.containsKey("zone")) {
                return Optional.empty();
            }
            FestivalId festival = FestivalId.parse(urns.get("festival"));
            ZoneId zone = ZoneId.parse(urns.get("zone"));
            if (urns.containsKey("terminal")) {
                return Optional.of(new DeviceIdentity.Terminal(festival, zone, TerminalId.parse(urns.get("terminal"))));
            }
            if (urns.containsKey("edge")) {
                return Optional.of(new DeviceIdentity.Edge(festival, zone, EdgeId.parse(urns.get("edge"))));
            }
            return Optional.empty();
        } catch (CertificateParsingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
