package io.fcs.terminal.sync;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Port of the terminal to its edge node: publish/subscribe on MQTT topics. The MQTT adapter
 * ({@link MqttUplink}) reconnects by itself; the in-memory one ({@link InMemoryUplink}) serves
 * tests and the simulation, and can be cut off to test offline switching.
 */
public interface Uplink extends AutoCloseable {

    /** Starts connecting (and reconnecting after every loss) in the background. */
    void connect();

    boolean connected();

    /** Called with {@code true}/{@code false} on every change of connection. */
    void onConnectionChange(Consumer<Boolean> listener);

    /** At-least-once (QoS 1) publish; the future fails when the edge is unreachable. */
    CompletableFuture<Void> publish(String topic, byte[] payload);

    /** Subscribes (again after each reconnect) to a filter with {@code +}/{@code #} wildcards. */
    void subscribe(String topicFilter, BiConsumer<String, byte[]> handler);

    /**
     * Subscribes like {@link #subscribe} but hands over only messages published while subscribed,
     * not the retained copy the broker delivers at subscription (which is as old as its last
     * publish): what a clock is measured on. Adapters without retained messages deliver all.
     */
    default void subscribeLive(String topicFilter, BiConsumer<String, byte[]> handler) {
        subscribe(topicFilter, handler);
    }

    @Override
    void close();
}
