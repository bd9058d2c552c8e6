package io.fcs.protocol.message;

/** Reads the enum codes shared by several messages, refusing undefined ones. */
final class Codes {

    private Codes() {}

    static ListMode listMode(WireReader in) throws WireReader.Refusal {
        int code = in.u8("list mode");
        return ListMode.fromCode(code)
                .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "list mode code " + code));
    }

    static ListAction listAction(WireReader in) throws WireReader.Refusal {
        int code = in.u8("list action");
        return ListAction.fromCode(code)
                .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "list action code " + code));
    }
}
