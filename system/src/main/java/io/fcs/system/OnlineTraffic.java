package io.fcs.system;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attendees using central's public API as the portal and the app would: register, buy a pass,
 * top up online, pay online. Paced to a few operations a second so that the demo shows living
 * figures without loading the machine; seeded so that two runs behave alike.
 */
final class OnlineTraffic implements Runnable {

    private static final int ATTENDEES = 25;
    private static final long PAUSE_MILLIS = 100;
    private static final String PASSWORD = "demo-attendee-pass";

    private final CentralApi api;
    private final DemoFestival.Setup setup;
    private final Random random = new Random(20261124L);
    private final Map<Integer, String> tokens = new HashMap<>();
    private final Map<Integer, Boolean> hasTicket = new HashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running = true;

    OnlineTraffic(CentralApi api, DemoFestival.Setup setup) {
        this.api = api;
        this.setup = setup;
    }

    long accepted() {
        return accepted.get();
    }

    long refused() {
        return refused.get();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            int attendee = random.nextInt(ATTENDEES);
            String token = tokenOf(attendee);
            if (token != null) {
                CentralApi.Answer answer = nextOperation(attendee, token);
                if (answer.status() == 401) {
                    tokens.remove(attendee);
                } else if (answer.ok()) {
                    accepted.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CentralApi.Answer nextOperation(int attendee, String token) {
        if (!hasTicket.getOrDefault(attendee, false)) {
            CentralApi.Answer bought = api.post(
                    "/tickets/buy", token, "{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(setup.ticketTypeId()));
            if (bought.ok()) {
                hasTicket.put(attendee, true);
            }
            return bought;
        }
        if (random.nextInt(3) == 0) {
            long amount = 1000L * (2 + random.nextInt(4));
            return api.post(
                    "/cashless/topup",
                    token,
                    "{\"festivalId\":\"%s\",\"amountCents\":%d,\"method\":\"CARD\"}"
                            .formatted(setup.festivalId(), amount));
        }
        long amount = 50L * (4 + random.nextInt(16));
        return api.post(
                "/cashless/pay",
                token,
                "{\"festivalId\":\"%s\",\"amountCents\":%d,\"description\":\"Main bar pre-order\"}"
                        .formatted(setup.festivalId(), amount));
    }

    private String tokenOf(int attendee) {
        String token = tokens.get(attendee);
        if (token != null) {
            return token;
        }
        String email = "attendee-%02d@demo.festival.local".formatted(attendee);
        api.post(
                "/auth/register",
                null,
                "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Attendee %02d\"}"
                        .formatted(email, PASSWORD, attendee));
        token = api.login(email, PASSWORD).orElse(null);
        if (token != null) {
            tokens.put(attendee, token);
        }
        return token;
    }
}
