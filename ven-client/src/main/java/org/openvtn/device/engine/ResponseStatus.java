package org.openvtn.device.engine;

/**
 * Response status codes (IEEE 2030.5-2018 Table 27, "Response Types by Function Set", used by
 * DERControlResponse and DrResponse) and the responseRequired bits (sep.xsd RespondableResource).
 */
public final class ResponseStatus {

    /** 1: event received. */
    public static final int EVENT_RECEIVED = 1;
    /** 2: event started. */
    public static final int EVENT_STARTED = 2;
    /** 3: event completed. */
    public static final int EVENT_COMPLETED = 3;
    /** 4: user has chosen to opt out. */
    public static final int OPTED_OUT = 4;
    /** 5: user has chosen to opt in. */
    public static final int OPTED_IN = 5;
    /** 6: the event has been cancelled. */
    public static final int CANCELLED = 6;
    /** 7: the event has been superseded. */
    public static final int SUPERSEDED = 7;
    /** 8: event partially completed with user opt-out. */
    public static final int PARTIAL_OPT_OUT = 8;
    /** 9: event partially completed due to user opt-in. */
    public static final int PARTIAL_OPT_IN = 9;
    /** 10: event completed, no user participation (previous user opt-out). */
    public static final int COMPLETED_NO_PARTICIPATION = 10;
    /** 252: rejected, the event is not applicable to this device (none of its controls is supported). */
    public static final int NOT_APPLICABLE = 252;
    /** 253: rejected, invalid event. */
    public static final int INVALID = 253;
    /** 254: rejected, the event was received after it had expired. */
    public static final int EXPIRED = 254;

    /** responseRequired bit 0: the end device shall indicate that the message was received. */
    public static final int RR_RECEIVED = 0x01;
    /** responseRequired bit 1: the end device shall indicate specific responses (started, completed, ...). */
    public static final int RR_SPECIFIC = 0x02;
    /** responseRequired bit 2: an end user / customer response is required (opt in / opt out). */
    public static final int RR_USER = 0x04;

    private ResponseStatus() {
    }

    /** A short English name for logs. */
    public static String name(int status) {
        return switch (status) {
            case EVENT_RECEIVED -> "received";
            case EVENT_STARTED -> "started";
            case EVENT_COMPLETED -> "completed";
            case OPTED_OUT -> "opted out";
            case OPTED_IN -> "opted in";
            case CANCELLED -> "cancelled";
            case SUPERSEDED -> "superseded";
            case PARTIAL_OPT_OUT -> "partially completed, opted out";
            case PARTIAL_OPT_IN -> "partially completed, opted in";
            case COMPLETED_NO_PARTICIPATION -> "completed without participation";
            case NOT_APPLICABLE -> "rejected: not applicable";
            case INVALID -> "rejected: invalid";
            case EXPIRED -> "rejected: expired";
            default -> "status " + status;
        };
    }
}
