package org.openvtn.device.engine;

/**
 * What the engine remembers about one event, per device: the random offsets drawn, when each status change
 * was first observed, and which transitions (hence which Responses) already happened. Persisted in the state
 * file so a restart neither re-sends a Response nor re-draws randomization. Times are epoch seconds, -1 = not
 * (yet) happened. Mutable; guarded by the engine's lock.
 */
final class EventRecord {

    /** The event's href (the key). */
    String href;
    /** When the device first saw the event. */
    long firstSeen;
    /** Natural effective end (start + offsets + duration), for pruning after the event left the server's list. */
    long expires;
    /** Drawn offsets (seconds). */
    int rStart;
    int rDuration;
    int rCancel;
    /** 0, or the rejection sent at first sight: 252 not applicable, 253 invalid, 254 expired. */
    int rejected;
    /** First observation of EventStatus 2 or 3, and which one. */
    long cancelSeen = -1;
    int cancelStatus;
    /** First observation of EventStatus 4 (superseded by the server). */
    long supersededSeen = -1;
    /** When the device owner opted out. */
    long optOutAt = -1;
    /** Effective start as executed (Response 2 sent then). */
    long startedAt = -1;
    /** End as executed, and why (a Response status: 3, 4 (opted out), 6, 7). */
    long endedAt = -1;
    int endReason;
    /** True once the post-opt-out completion (8 or 10) was sent. */
    boolean finalSent;

    EventRecord() {
        // for the state file
    }

    EventRecord(String href, long firstSeen) {
        this.href = href;
        this.firstSeen = firstSeen;
    }
}
