package io.fcs.terminal.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A broker in the JVM for tests and the headless simulation: delivers each publish synchronously
 * to every matching subscription of every connected uplink. {@link #setReachable(boolean)} cuts
 * all terminals off from the edge (a network partition) and back.
 */
public final class InMemoryBroker {

    private record Subscription(InMemoryUplink owner, String filter, BiConsumer<String, byte[]> handler) {}

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<InMemoryUplink> uplinks = new CopyOnWriteArrayList<>();
    private volatile boolean reachable = true;

    public InMemoryUplink uplink() {
        InMemoryUplink uplink = new InMemoryUplink(this);
        uplinks.add(uplink);
        return uplink;
    }

    public boolean reachable() {
        return reachable;
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
        for (InMemoryUplink uplink : uplinks) {
            uplink.reachabilityChanged();
        }
    }

    void subscribe(InMemoryUplink owner, String filter, BiConsumer<String, byte[]> handler) {
        subscriptions.add(new Subscription(owner, filter, handler));
    }

    void remove(InMemoryUplink owner) {
        subscriptions.removeIf(s -> s.owner() == owner);
        uplinks.remove(owner);
    }

    /** Publishes from the edge's side (or a test): delivered to connected subscribers. */
    public void publish(String topic, byte[] payload) {
        if (!reachable) {
            return;
        }
        for (Subscription subscription : subscriptions) {
            if (subscription.owner().connected() && TopicFilter.matches(subscription.filter(), topic)) {
                subscription.handler().accept(topic, payload.clone());
            }
        }
    }

    /** Subscribes from the edge's side (or a test), always connected. */
    public void subscribeAsEdge(String filter, BiConsumer<String, byte[]> handler) {
        InMemoryUplink edge = new InMemoryUplink(this) {
            @Override
            public boolean connected() {
                return true;
            }
        };
        subscriptions.add(new Subscription(edge, filter, handler));
    }
}
