package io.fcs.protocol.message;

/** Rules shared by the full/delta lists (deny list, ticket revocations). */
final class Versioning {

    private Versioning() {}

    static void check(long version, ListMode mode, long baseVersion, boolean anyRemoval) {
        Fields.version("version", version);
        switch (mode) {
            case FULL -> {
                if (baseVersion != 0) {
                    throw new IllegalArgumentException("a full list has base version 0, was " + baseVersion);
                }
                if (anyRemoval) {
                    throw new IllegalArgumentException("a full list only adds entries");
                }
            }
            case DELTA -> {
                if (baseVersion < 1 || baseVersion >= version) {
                    throw new IllegalArgumentException(
                            "a delta goes from a base version 1.." + (version - 1) + ", was " + baseVersion);
                }
            }
        }
    }
}
