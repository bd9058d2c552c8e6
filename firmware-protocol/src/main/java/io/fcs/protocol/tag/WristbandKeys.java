package io.fcs.protocol.tag;

import io.fcs.protocol.crypto.AesCmac;
import io.fcs.protocol.crypto.KeyDiversification;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Ids;
import java.util.Objects;

/**
 * The AES keys of a festival's wristbands: one 16-byte master key (kept by provisioning and by
 * terminals in their secure store), diversified per tag as in NXP AN10922:
 * {@code K_uid = CMAC(master, 0x01 || UID || AID || festival id)} with {@link #APPLICATION_ID}.
 * A key pulled out of one wristband opens that wristband only.
 */
public final class WristbandKeys {

    /** AN10922 application identifier of this system: ASCII "FCS". */
    public static final byte[] APPLICATION_ID = {0x46, 0x43, 0x53};

    /** The key of an AES-class chip as it leaves the factory. */
    public static final byte[] FACTORY_KEY = new byte[AesCmac.KEY_LENGTH];

    private final byte[] masterKey;
    private final FestivalId festival;

    private WristbandKeys(byte[] masterKey, FestivalId festival) {
        if (masterKey == null || masterKey.length != AesCmac.KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "wristband master key must be 16 bytes, was " + (masterKey == null ? "missing" : masterKey.length));
        }
        this.masterKey = masterKey.clone();
        this.festival = Objects.requireNonNull(festival, "festival");
    }

    public static WristbandKeys of(byte[] masterKey, FestivalId festival) {
        return new WristbandKeys(masterKey, festival);
    }

    public FestivalId festival() {
        return festival;
    }

    /** The AES-128 key of the wristband with this UID. */
    public byte[] keyFor(TagUid uid) {
        return KeyDiversification.diversify(masterKey, uid.bytes(), APPLICATION_ID, Ids.toBytes(festival.value()));
    }

    @Override
    public String toString() {
        return "WristbandKeys[festival " + festival + "]";
    }
}
