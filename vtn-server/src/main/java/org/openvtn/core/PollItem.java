package org.openvtn.core;

import java.time.Instant;
import java.util.Objects;

/**
 * Something queued for a party to pick up on its next poll (OpenADR 2.0b 8.7 OadrPoll; the
 * 2030.5 adapter may use it to trigger notifications).
 *
 * @param seq       global monotonic sequence (FIFO order)
 * @param participantId recipient (participant id: the venID)
 * @param kind      what to deliver
 * @param reference the related ID: reportRequestId for report kinds, registrationId for
 *                  registration kinds, null for EVENTS_CHANGED
 * @param createdAt when queued
 * @param sentAt     when last carried by a poll answer, null while never sent (issue #12 item 6: an item stays
 *                   queued until the VEN shows it has it)
 * @param deliveries how many poll answers carried it so far
 */
public record PollItem(long seq, String participantId, Kind kind, String reference, Instant createdAt, Instant sentAt,
                       int deliveries) {

    /** What the adapter must send. */
    public enum Kind {
        /** Send the full current event list (oadrDistributeEvent); coalesced per VEN. */
        EVENTS_CHANGED,
        /** VTN-initiated deregistration (oadrCancelPartyRegistration). */
        REGISTRATION_CANCELLED,
        /** VTN asks the VEN to re-register (oadrRequestReregistration). */
        REREGISTRATION_REQUESTED,
        /** A new report request (oadrCreateReport); reference = reportRequestId. */
        REPORT_REQUESTED,
        /** A report request cancelled by the VTN (oadrCancelReport); reference = reportRequestId. */
        REPORT_CANCELLED
    }

    public PollItem {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A queued item that no poll answer has carried yet. */
    public PollItem(long seq, String participantId, Kind kind, String reference, Instant createdAt) {
        this(seq, participantId, kind, reference, createdAt, null, 0);
    }

    /** @return whether a poll answer has carried this item */
    public boolean sent() {
        return sentAt != null;
    }
}
