package io.fcs.provisioning.wristband;

import io.fcs.protocol.reader.Fault;
import io.fcs.protocol.reader.SimulatedReaders;
import io.fcs.protocol.reader.SimulatedTag;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The simulated reader of {@code --reader simulated} and the tags laid on it: by default an
 * endless supply of fresh AES-class wristbands; tests give a list of tags and faults to inject
 * when a given tag is laid (e.g. the reader unplugged at the third tag).
 */
public final class SimulatedWristbands {

    public static final String READER = "Simulated reader";

    private final SimulatedReaders readers = SimulatedReaders.of(READER);
    private final Supplier<Optional<SimulatedTag>> supply;

    private SimulatedWristbands(Supplier<Optional<SimulatedTag>> supply) {
        this.supply = supply;
    }

    /** New blank AES-class tags, as many as asked for. */
    public static SimulatedWristbands fresh(Random random) {
        return new SimulatedWristbands(() -> Optional.of(SimulatedTag.aesClass(SimulatedTag.randomUid(random))));
    }

    /** These tags in this order (then none), with faults armed when the n-th tag (from 0) is laid. */
    public static SimulatedWristbands of(List<SimulatedTag> tags, Map<Integer, Fault> faults) {
        Deque<SimulatedTag> queue = new ArrayDeque<>(tags);
        Map<Integer, Fault> armed = new HashMap<>(faults);
        int[] laid = {0};
        SimulatedWristbands[] self = new SimulatedWristbands[1];
        self[0] = new SimulatedWristbands(() -> {
            SimulatedTag next = queue.poll();
            Fault fault = armed.remove(laid[0]++);
            if (fault != null) {
                self[0].readers.reader(READER).inject(fault);
            }
            return Optional.ofNullable(next);
        });
        return self[0];
    }

    public SimulatedReaders readers() {
        return readers;
    }

    TagSource source() {
        return TagSource.simulated(readers, READER, supply);
    }
}
