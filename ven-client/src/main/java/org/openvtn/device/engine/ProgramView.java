package org.openvtn.device.engine;

import java.util.List;
import java.util.Map;

/**
 * One program in force for the device (a DERProgram or a DemandResponseProgram) with its events and its
 * default control.
 *
 * @param href         the program's address
 * @param mrid         the program's mRID
 * @param primacy      PrimacyType: lower value = higher priority (IEEE 2030.5-2018 PrimacyType)
 * @param events       the program's events (DERControlList / EndDeviceControlList, all pages)
 * @param defaultModes the DefaultDERControl's controls, empty if the program has none
 * @param setGradW     the DefaultDERControl's setGradW (default ramp rate, hundredths of a percent of setMaxW per
 *                     second; IEEE 2030.5-2018 §10.10), null if absent
 */
public record ProgramView(String href, String mrid, int primacy, List<EventView> events,
        Map<String, ModeValue> defaultModes, Integer setGradW) {

    /** Canonical constructor: copies the collections (null becomes empty). */
    public ProgramView {
        events = events == null ? List.of() : List.copyOf(events);
        defaultModes = defaultModes == null ? Map.of() : Map.copyOf(defaultModes);
    }

    /** A program whose DefaultDERControl has no setGradW (or which has none). */
    public ProgramView(String href, String mrid, int primacy, List<EventView> events,
            Map<String, ModeValue> defaultModes) {
        this(href, mrid, primacy, events, defaultModes, null);
    }

    /** This program with other events (the DefaultDERControl kept). */
    public ProgramView withEvents(List<EventView> newEvents) {
        return new ProgramView(href, mrid, primacy, newEvents, defaultModes, setGradW);
    }
}
