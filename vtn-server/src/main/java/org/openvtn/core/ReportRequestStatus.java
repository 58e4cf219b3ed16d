package org.openvtn.core;

/** Life cycle of a VTN report request. */
public enum ReportRequestStatus {
    /** Queued for the VEN, not acknowledged yet. */
    PENDING,
    /** The VEN answered oadrCreatedReport. */
    ACTIVE,
    /** Cancelled (oadrCancelReport); data may still follow when reportToFollow is set. */
    CANCELLED,
    /** One-shot request whose data arrived. */
    COMPLETED
}
