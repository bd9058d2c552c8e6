package io.fcs.edge.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.fcs.protocol.topic.DeviceIdentity;
import io.fcs.protocol.topic.TopicAcl;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone broker's topic ACL: every publish and subscription is checked with the protocol's
 * {@link TopicAcl} against the identity in the client's certificate. A terminal publishes only
 * under its own id; a client without a festival certificate may do nothing. Used when the
 * embedded broker runs TLS with client certificates.
 */
public final class TopicAclExtension implements ExtensionMain, PublishAuthorizer, SubscriptionAuthorizer {

    private static final Logger log = LoggerFactory.getLogger(TopicAclExtension.class);
    private final Consumer<String> onDenied;

    public TopicAclExtension(Consumer<String> onDenied) {
        this.onDenied = onDenied;
    }

    public EmbeddedExtension embedded() {
        return EmbeddedExtension.builder()
                .withId("fcs-topic-acl")
                .withName("fcs topic ACL")
                .withVersion("1")
                .withPriority(1000)
                .withStartPriority(1000)
                .withAuthor("fcs")
                .withExtensionMain(this)
                .build();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthorizerProvider(providerInput -> this);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}

    static Optional<DeviceIdentity> identity(ClientBasedInput input) {
        return input.getConnectionInformation()
                .getClientTlsInformation()
                .flatMap(tls -> tls.getClientCertificate())
                .flatMap(CertificateIdentity::of);
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String topic = input.getPublishPacket().getTopic();
        Optional<DeviceIdentity> who = identity(input);
        if (who.isPresent() && TopicAcl.mayPublish(who.get(), topic)) {
            output.authorizeSuccessfully();
        } else {
            deny("publish", input.getClientInformation().getClientId(), topic, who);
            output.failAuthorization();
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        Optional<DeviceIdentity> who = identity(input);
        if (who.isPresent() && TopicAcl.maySubscribe(who.get(), filter)) {
            output.authorizeSuccessfully();
        } else {
            deny("subscribe", input.getClientInformation().getClientId(), filter, who);
            output.failAuthorization();
        }
    }

    private void deny(String what, String client, String topic, Optional<DeviceIdentity> who) {
        onDenied.accept(what);
        log.warn(
                "event=acl_denied action={} client=\"{}\" topic=\"{}\" identity={}",
                what,
                client,
                topic,
                who.map(Object::toString).orElse("none"));
    }
}
