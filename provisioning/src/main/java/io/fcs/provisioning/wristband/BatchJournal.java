package io.fcs.provisioning.wristband;

import io.fcs.protocol.value.FestivalId;
import io.fcs.provisioning.ProvisioningException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The journal of a wristband batch: one line per step, appended and forced to disk before the
 * next step, so that an interrupted batch resumes where it stopped and never encodes a tag
 * twice. A torn last line (power cut) is ignored.
 *
 * <pre>
 * # fcs wristband batch v1 festival=&lt;uuid&gt; count=&lt;n&gt; ticket=&lt;uuid|-&gt; staff=&lt;uuid|-&gt;
 * &lt;instant&gt; ENCODED &lt;uid hex&gt; &lt;AES_CLASS|NTAG21X&gt;     layout written, verified by reading back
 * &lt;instant&gt; REGISTERED &lt;uid hex&gt; &lt;AES_CLASS|NTAG21X&gt;  central knows the wristband
 * </pre>
 */
final class BatchJournal {

    enum State {
        ENCODED,
        REGISTERED
    }

    record Entry(String uid, String profile, State state) {}

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private BatchJournal(Path file) {
        this.file = file;
    }

    static String header(FestivalId festival, int count, UUID ticket, UUID staff) {
        return "# fcs wristband batch v1 festival=" + festival + " count=" + count + " ticket="
                + (ticket == null ? "-" : ticket) + " staff=" + (staff == null ? "-" : staff);
    }

    /** Opens the batch's journal, creating it; refuses a journal of another batch. */
    static BatchJournal open(Path file, String header) {
        BatchJournal journal = new BatchJournal(file);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                journal.append(header);
                return journal;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            if (lines.isEmpty() || !lines.get(0).equals(header)) {
                throw ProvisioningException.refused("journal " + file + " belongs to another batch ("
                        + (lines.isEmpty() ? "empty" : lines.get(0)) + "); give another --journal");
            }
            boolean complete = text.endsWith("\n");
            for (int i = 1; i < lines.size(); i++) {
                if (i == lines.size() - 1 && !complete) {
                    break; // torn last line
                }
                String[] fields = lines.get(i).split(" ");
                if (fields.length != 4) {
                    throw ProvisioningException.refused("journal " + file + " line " + (i + 1) + " is corrupt");
                }
                State state;
                try {
                    Instant.parse(fields[0]);
                    state = State.valueOf(fields[1]);
                } catch (RuntimeException e) {
                    throw ProvisioningException.refused("journal " + file + " line " + (i + 1) + " is corrupt");
                }
                Entry previous = journal.entries.get(fields[2]);
                if (previous == null || state.ordinal() > previous.state().ordinal()) {
                    journal.entries.put(fields[2], new Entry(fields[2], fields[3], state));
                }
            }
            if (!complete) {
                // drop the torn tail so that the next append starts on a fresh line
                int cut = text.lastIndexOf('\n') + 1;
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(cut);
                    channel.force(true);
                }
            }
            return journal;
        } catch (IOException e) {
            throw ProvisioningException.io("cannot use journal " + file + ": " + e.getMessage(), e);
        }
    }

    Entry get(String uid) {
        return entries.get(uid);
    }

    int encoded() {
        return entries.size();
    }

    List<Entry> notRegistered() {
        return entries.values().stream().filter(e -> e.state() == State.ENCODED).toList();
    }

    void record(State state, String uid, String profile, Instant at) {
        append(at + " " + state + " " + uid + " " + profile);
        entries.put(uid, new Entry(uid, profile, state));
    }

    Path file() {
        return file;
    }

    private void append(String line) {
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw ProvisioningException.io("cannot write journal " + file + ": " + e.getMessage(), e);
        }
    }
}
