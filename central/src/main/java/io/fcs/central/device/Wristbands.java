package io.fcs.central.device;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Wristbands encoded by provisioning: UID (lower-case hex), chip profile, optional bindings. */
public interface Wristbands {

    Optional<Wristband> find(String uidHex);

    List<Wristband> ofFestival(UUID festivalId);

    enum Profile {
        AES_CLASS,
        NTAG21X
    }

    record Wristband(String uid, UUID festivalId, Profile profile, UUID ticketId, UUID staffUserId) {}
}
