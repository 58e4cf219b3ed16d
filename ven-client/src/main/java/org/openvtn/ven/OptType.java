package org.openvtn.ven;

/** A VEN's participation decision for an event or an availability schedule (EiEvent optType, EiOpt). */
public enum OptType {
    OPT_IN("optIn"),
    OPT_OUT("optOut");

    private final String wire;

    OptType(String wire) {
        this.wire = wire;
    }

    /** The value as written on the wire ({@code optIn} / {@code optOut}). */
    public String wire() {
        return wire;
    }
}
