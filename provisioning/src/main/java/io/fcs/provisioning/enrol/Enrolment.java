package io.fcs.provisioning.enrol;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.protocol.enrol.DeviceMode;
import io.fcs.protocol.enrol.EnrolmentQr;
import io.fcs.protocol.enrol.SealedBundle;
import io.fcs.protocol.enrol.TicketKeyAnchor;
import io.fcs.protocol.value.ZoneId;
import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.Context;
import io.fcs.provisioning.ProvisioningException;
import io.fcs.provisioning.bundle.QrCodes;
import io.fcs.provisioning.central.CentralClient;
import io.fcs.provisioning.keys.CertificateAuthority;
import io.fcs.provisioning.keys.FestivalKeys;
import io.fcs.provisioning.keys.TicketKey;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Enrols one device: key (made here, or the device's own from a CSR whose proof of possession
 * is checked), certificate from the festival CA, registration with central, then the sealed
 * config bundle, its one-time QR and the serving copy. Nothing is left behind when a step
 * fails before the end.
 */
final class Enrolment {

    static final String SEALED = "bundle.sealed";
    static final String QR_PNG = "enrolment-qr.png";
    static final String QR_TEXT = "enrolment-qr.txt";
    static final String CERTIFICATE = "certificate.pem";
    static final int QR_SCALE = 6;

    record Request(
            DeviceKind kind,
            DeviceMode mode,
            UUID deviceId,
            ZoneId zone,
            String name,
            List<String> hosts,
            Path csr,
            Duration validity,
            String edgeAddress,
            String centralAddress,
            Duration tokenLifetime,
            String enrolmentUrl,
            Path outDir) {}

    record Result(UUID deviceId, Path dir, EnrolmentQr qr, X509Certificate certificate, boolean deviceMadeKey) {}

    private Enrolment() {}

    static Result enrol(FestivalKeys keys, Request request, CentralClient central, Context context) {
        Instant now = context.clock().instant();
        Path finalDir = request.outDir().resolve(request.deviceId().toString());
        if (Files.exists(finalDir)) {
            throw ProvisioningException.refused(
                    "device " + request.deviceId() + " already has an enrolment in " + finalDir + "; nothing changed");
        }
        Ed25519.SigningKey madeHere = null;
        byte[] rawPublicKey;
        if (request.csr() != null) {
            rawPublicKey = publicKeyOfCsr(request.csr());
        } else {
            madeHere = Ed25519.generate(context.random());
            rawPublicKey = madeHere.verificationKey().encoded();
        }
        CertificateAuthority.DeviceSubject subject = new CertificateAuthority.DeviceSubject(
                request.kind(),
                request.mode(),
                request.deviceId(),
                keys.festivalId(),
                request.zone(),
                request.name(),
                request.hosts());
        X509Certificate certificate = keys.ca()
                .issueDevice(
                        subject, CertificateAuthority.ed25519(rawPublicKey), now, request.validity(), context.random());
        List<TicketKeyAnchor> anchors = keys.ticketKeys().stream()
                .filter(key -> key.validUntil() == null || key.validUntil().isAfter(now))
                .map(TicketKey::anchor)
                .toList();
        ConfigBundle bundle = new ConfigBundle(
                request.kind(),
                request.mode(),
                request.deviceId(),
                keys.festivalId(),
                request.zone(),
                now,
                madeHere == null ? null : madeHere.seed(),
                request.name(),
                request.edgeAddress(),
                request.centralAddress(),
                List.of(FestivalKeys.der(certificate), FestivalKeys.der(keys.caCertificate())),
                anchors);
        byte[] token = new byte[SealedBundle.TOKEN_LENGTH];
        byte[] bundleKey = new byte[SealedBundle.KEY_LENGTH];
        context.random().nextBytes(token);
        context.random().nextBytes(bundleKey);
        byte[] sealed = SealedBundle.seal(bundle.encode(), token, bundleKey, context.random());
        Instant expires = now.plus(request.tokenLifetime());
        String tokenText = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        String url = request.enrolmentUrl() == null || request.enrolmentUrl().isBlank()
                ? ""
                : (request.enrolmentUrl().endsWith("/") ? request.enrolmentUrl() : request.enrolmentUrl() + "/")
                        + tokenText;
        EnrolmentQr qr;
        try {
            qr = new EnrolmentQr(token, bundleKey, expires, keys.caFingerprint(), url);
        } catch (IllegalArgumentException e) {
            throw ProvisioningException.refused("--enrolment-url: " + e.getMessage());
        }
        String certificatePem = FestivalKeys.pem(certificate) + FestivalKeys.pem(keys.caCertificate());

        Path temp = request.outDir().resolve("." + request.deviceId() + ".tmp");
        AtomicFiles.deleteQuietly(temp);
        try {
            AtomicFiles.writeSecret(temp.resolve(SEALED), sealed);
            AtomicFiles.writeSecret(temp.resolve(QR_TEXT), (qr.encode() + "\n").getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.writeSecret(temp.resolve(QR_PNG), QrCodes.png(qr.encode(), QR_SCALE));
            AtomicFiles.writeString(temp.resolve(CERTIFICATE), certificatePem);
            if (central != null) {
                central.registerDevice(
                        keys.festivalId(),
                        new CentralClient.Device(
                                request.deviceId(),
                                request.kind().name(),
                                request.kind() == DeviceKind.EDGE
                                        ? null
                                        : request.mode().name(),
                                request.zone().value(),
                                request.name(),
                                rawPublicKey,
                                FestivalKeys.pem(certificate)));
            }
            AtomicFiles.move(temp, finalDir);
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(temp);
            throw ProvisioningException.io(
                    "cannot write the enrolment of " + request.deviceId() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteQuietly(temp);
            throw e;
        }
        AtomicFiles.writeSecret(EnrolmentServer.pendingFile(keys.dir(), tokenText, expires), sealed);
        new DeviceRecords(keys.dir())
                .save(new DeviceRecords.DeviceRecord(
                        request.deviceId(),
                        request.kind(),
                        request.mode().name(),
                        request.zone().value(),
                        request.name(),
                        certificate.getSerialNumber(),
                        new Ed25519.VerificationKey(rawPublicKey).fingerprint(),
                        java.util.Base64.getEncoder().encodeToString(rawPublicKey),
                        now,
                        null,
                        null));
        return new Result(request.deviceId(), finalDir, qr, certificate, madeHere == null);
    }

    /**
     * The Ed25519 public key of a device's PKCS#10 request (PEM or DER), after checking that
     * the request is signed by that key (proof of possession).
     */
    static byte[] publicKeyOfCsr(Path csrFile) {
        byte[] bytes = AtomicFiles.read(csrFile, "CSR");
        PKCS10CertificationRequest csr;
        try {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN")) {
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    Object object = parser.readObject();
                    if (!(object instanceof PKCS10CertificationRequest request)) {
                        throw ProvisioningException.refused("CSR " + csrFile + " holds no certificate request");
                    }
                    csr = request;
                }
            } else {
                csr = new PKCS10CertificationRequest(bytes);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProvisioningException refused) {
                throw refused;
            }
            throw ProvisioningException.refused("CSR " + csrFile + " is not a PKCS#10 request");
        }
        SubjectPublicKeyInfo spki = csr.getSubjectPublicKeyInfo();
        byte[] raw;
        try {
            raw = CertificateAuthority.rawEd25519(spki);
        } catch (IllegalArgumentException e) {
            throw ProvisioningException.refused("CSR " + csrFile + ": " + e.getMessage());
        }
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(spki));
        } catch (PKCSException | OperatorCreationException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw ProvisioningException.refused(
                    "CSR " + csrFile + " is not signed by its own key (no proof of possession); refused");
        }
        return raw;
    }
}
