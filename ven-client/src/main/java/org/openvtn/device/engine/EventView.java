package org.openvtn.device.engine;

import java.util.Map;

/**
 * One event as the server published it (a DERControl or an EndDeviceControl), already parsed by the
 * library. Times are epoch seconds of the server's time (IEEE 2030.5-2018 Event: "Events SHALL be executed
 * relative to the time of the server").
 *
 * @param href              the event resource's address; the engine's key for the event
 * @param mrid              the event's mRID (the Response {@code subject})
 * @param programHref       the DERProgram / DemandResponseProgram the event belongs to
 * @param creationTime      Event.creationTime, epoch seconds (2030.5-2018 §10.2.3: the newer event supersedes)
 * @param currentStatus     EventStatus.currentStatus: 0 scheduled, 1 active, 2 cancelled, 3 cancelled with
 *                          randomization, 4 superseded
 * @param start             interval.start, epoch seconds
 * @param duration          interval.duration, seconds
 * @param randomizeStart    RandomizableEvent.randomizeStart, seconds, -3600..3600 (sign gives the direction)
 * @param randomizeDuration RandomizableEvent.randomizeDuration, seconds, -3600..3600
 * @param modes             the controls the event carries; key = element name, e.g. "opModFixedW",
 *                          "opModExpLimW" (csipaus), "opModConnect"; for DRLC the EndDeviceControl's control
 *                          elements ("ApplianceLoadReduction", "DutyCycle", "Offset", "SetPoint")
 * @param replyTo           RespondableResource.replyTo, may be null
 * @param responseRequired  RespondableResource.responseRequired as an int (hex bit mask in the schema), 0 = none;
 *                          see {@link ResponseStatus#RR_RECEIVED} etc.
 * @param rampTms           DERControlBase.rampTms, hundredths of a second (IEEE 2030.5-2018 §10.10); null if absent
 *                          (then the default ramp rate setGradW applies) and for EndDeviceControls
 */
public record EventView(String href, String mrid, String programHref, long creationTime,
        int currentStatus, long start, long duration, int randomizeStart, int randomizeDuration,
        Map<String, ModeValue> modes, String replyTo, int responseRequired, Integer rampTms) {

    /** EventStatus.currentStatus 0. */
    public static final int SCHEDULED = 0;
    /** EventStatus.currentStatus 1. */
    public static final int ACTIVE = 1;
    /** EventStatus.currentStatus 2. */
    public static final int CANCELLED = 2;
    /** EventStatus.currentStatus 3. */
    public static final int CANCELLED_WITH_RANDOMIZATION = 3;
    /** EventStatus.currentStatus 4. */
    public static final int SUPERSEDED = 4;

    /** Canonical constructor: copies {@code modes} (null becomes empty). */
    public EventView {
        modes = modes == null ? Map.of() : Map.copyOf(modes);
    }

    /** An event without rampTms. */
    public EventView(String href, String mrid, String programHref, long creationTime, int currentStatus, long start,
            long duration, int randomizeStart, int randomizeDuration, Map<String, ModeValue> modes, String replyTo,
            int responseRequired) {
        this(href, mrid, programHref, creationTime, currentStatus, start, duration, randomizeStart,
                randomizeDuration, modes, replyTo, responseRequired, null);
    }
}
