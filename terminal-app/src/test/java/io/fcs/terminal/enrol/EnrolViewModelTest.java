package io.fcs.terminal.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Tone;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrolment screen's model over the real enrolment: a scanned QR configures the terminal. */
class EnrolViewModelTest {

    @TempDir
    Path dir;

    private final EnrolmentQrFixture fixture = new EnrolmentQrFixture();
    private final List<Tone> sounds = new CopyOnWriteArrayList<>();
    private TerminalStore store;
    private EnrolViewModel model;

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        Enrolment enrolment = new Enrolment(store, EnrolmentQrFixture.CLOCK, fixture.server());
        model = new EnrolViewModel(
                qr -> enrolment.fromQr(qr, java.util.Optional.empty()), Async.direct(), Messages.of("en"), sounds::add);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void theScannedQrEnrolsTheTerminalAndTheScreenSaysSo() {
        assertThat(model.headlineProperty().get()).isEqualTo("Show the enrolment QR");

        model.scanned(fixture.qr);

        assertThat(model.enrolledProperty().get()).isNotNull();
        assertThat(model.toneProperty().get()).isEqualTo(Tone.OK);
        assertThat(model.headlineProperty().get()).isEqualTo("Enrolled");
        assertThat(model.detailProperty().get())
                .contains(fixture.bundle.deviceId().toString());
        assertThat(store.setting(Enrolment.TERMINAL_ID))
                .contains(fixture.bundle.deviceId().toString());
        assertThat(sounds).containsExactly(Tone.OK);
    }

    @Test
    void aQrThatIsNotAnEnrolmentIsRefusedWithItsReasonAndTheNextScanStillEnrols() {
        model.scanned("FT1:not-an-enrolment");

        assertThat(model.toneProperty().get()).isEqualTo(Tone.REFUSED);
        assertThat(model.headlineProperty().get()).isEqualTo("Not an enrolment QR");
        assertThat(model.enrolledProperty().get()).isNull();
        assertThat(store.setting(Enrolment.TERMINAL_ID)).isEmpty();

        model.scanned(fixture.qr);

        assertThat(model.enrolledProperty().get()).isNotNull();
    }

    @Test
    void aScanAfterTheEnrolmentChangesNothing() {
        model.scanned(fixture.qr);
        String enrolledAs = store.setting(Enrolment.TERMINAL_ID).orElseThrow();

        model.scanned("FCSENROL1|garbage");

        assertThat(model.headlineProperty().get()).isEqualTo("Enrolled");
        assertThat(store.setting(Enrolment.TERMINAL_ID)).contains(enrolledAs);
    }

    @Test
    void theEnrolledKeyAndCertificatesAreTheSyncClientsTlsKeyStore() throws Exception {
        assertThat(EnrolledTls.keyStore(store, new char[0])).isEmpty();
        model.scanned(fixture.qr);

        KeyStore keys = EnrolledTls.keyStore(store, "pw".toCharArray()).orElseThrow();
        KeyStore trust = EnrolledTls.trustStore(store).orElseThrow();

        java.security.cert.Certificate[] chain = keys.getCertificateChain(EnrolledTls.KEY_ALIAS);
        assertThat(chain).hasSize(fixture.bundle.certificateChain().size());
        assertThat(chain[0].getEncoded())
                .isEqualTo(fixture.bundle.certificateChain().getFirst());
        java.security.PrivateKey key =
                (java.security.PrivateKey) keys.getKey(EnrolledTls.KEY_ALIAS, "pw".toCharArray());
        // the key in the store is the device key the certificate names: it signs what the certificate verifies
        java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(((X509Certificate) chain[0]).getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(trust.getCertificate(EnrolledTls.CA_ALIAS).getEncoded())
                .isEqualTo(fixture.bundle.certificateChain().getLast());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "pw".toCharArray());
        X509KeyManager manager = (X509KeyManager) kmf.getKeyManagers()[0];
        assertThat(Arrays.asList(manager.getClientAliases("EdDSA", null))).contains(EnrolledTls.KEY_ALIAS);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        assertThat(tmf.getTrustManagers()).isNotEmpty();
    }

    @Test
    void theEnrolmentQrShownToTheCameraEnrolsTheTerminal() throws Exception {
        io.fcs.terminal.device.qr.GrabberFrameSource.Format format =
                new io.fcs.terminal.device.qr.GrabberFrameSource.Format(480, 480);
        Path frames = java.nio.file.Files.write(
                dir.resolve("camera.raw"), io.fcs.terminal.device.qr.QrFrames.frameWith(fixture.qr, format, 7));
        io.fcs.terminal.device.qr.GrabberFrameSource grabber = new io.fcs.terminal.device.qr.GrabberFrameSource(
                List.of("cat", frames.toString()), format, java.time.Duration.ofHours(1), java.time.Clock.systemUTC());
        io.fcs.terminal.device.qr.CameraQrScanner camera =
                new io.fcs.terminal.device.qr.CameraQrScanner(grabber, java.time.Clock.systemUTC());

        camera.start(model::scanned);
        for (int i = 0; i < 400 && model.enrolledProperty().get() == null; i++) {
            Thread.sleep(25);
        }
        camera.close();

        assertThat(model.enrolledProperty().get()).isNotNull();
        assertThat(store.setting(Enrolment.TERMINAL_ID))
                .contains(fixture.bundle.deviceId().toString());
    }
}
