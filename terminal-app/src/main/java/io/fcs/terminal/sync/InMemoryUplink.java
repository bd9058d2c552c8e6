package io.fcs.terminal.sync;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** An uplink to an {@link InMemoryBroker}; connected whenever it was asked to connect and the broker is reachable. */
public class InMemoryUplink implements Uplink {

    private final InMemoryBroker broker;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean wanted;
    private volatile boolean lastState;

    InMemoryUplink(InMemoryBroker broker) {
        this.broker = broker;
    }

    @Override
    public void connect() {
        wanted = true;
        reachabilityChanged();
    }

    void reachabilityChanged() {
        boolean now = connected();
        if (now != lastState) {
            lastState = now;
            listeners.forEach(listener -> listener.accept(now));
        }
    }

    @Override
    public boolean connected() {
        return wanted && broker.reachable();
    }

    @Override
    public void onConnectionChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        if (!connected()) {
            return CompletableFuture.failedFuture(new IllegalStateException("edge unreachable"));
        }
        broker.publish(topic, payload);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void subscribe(String topicFilter, BiConsumer<String, byte[]> handler) {
        broker.subscribe(this, topicFilter, handler);
    }

    @Override
    public void close() {
        wanted = false;
        reachabilityChanged();
        broker.remove(this);
    }
}
