package org.openvtn.core;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** EiReport (OpenADR 2.0b 8.3): METADATA registrations, VTN report requests, telemetry. */
public interface ReportService {

    /**
     * oadrRegisterReport: replaces the VEN's full METADATA set and resolves the VEN's PENDING requests that
     * {@linkplain ReportRequest#awaitingMetadata() await METADATA} against it (queued for the poll from then on;
     * one naming a report this METADATA lacks keeps waiting). R1_3060.
     *
     * @return the PENDING requests the answer carries (piggy-backed): the resolved ones and those whose rIDs this
     *         METADATA offers; their poll items are recorded as sent in the same transaction (R0_8060)
     * @throws VtnException 454 on duplicate rIDs inside one reportSpecifierId
     */
    List<ReportRequest> registerCapabilities(String venId, List<ReportCapability> capabilities);

    List<ReportCapability> capabilities(String venId);

    /**
     * Creates a VTN report request and queues REPORT_REQUESTED for the VEN's poll. When the VEN has registered
     * no METADATA yet (none since its registration, or an empty one) the request is stored
     * {@linkplain ReportRequest#awaitingMetadata() awaiting METADATA} instead, without a poll item: the VEN's next
     * oadrRegisterReport resolves it and the oadrRegisteredReport carries it (piggy-backed, R1_3060).
     *
     * @throws VtnException 452 unknown VEN (field venId); 461 the VEN's METADATA has no such report (field
     *                      reportName); 452 unknown rID (field rIds)
     */
    ReportRequest requestReport(String venId, NewReportRequest request);

    /** oadrCreatedReport: the VEN accepted these requests (PENDING -> ACTIVE); unknown IDs -> 452. */
    void acknowledge(String venId, Collection<String> reportRequestIds);

    /**
     * oadrCancelReport (VEN- or VTN-initiated, OpenADR 2.0b 8.3, R1_3050; rule 345: with
     * {@code reportToFollow} the VEN sends one final report, which is accepted). When {@code byVtn}
     * the cancellation is queued for the VEN's poll (REPORT_CANCELLED -> oadrCancelReport). A VEN
     * cancelling an already cancelled request gets the request back unchanged.
     *
     * @throws VtnException 452 naming {@code reportRequestId} when unknown or not the VEN's; 451
     *                      NOT_ALLOWED when {@code byVtn} and the request is already cancelled or
     *                      (one-shot) completed
     */
    ReportRequest cancelReport(String venId, String reportRequestId, boolean reportToFollow, boolean byVtn);

    Optional<ReportRequest> request(String reportRequestId);

    /** @return a VEN's report requests, oldest first */
    List<ReportRequest> requests(String venId);

    /**
     * oadrUpdateReport: stores telemetry rows; a one-shot request becomes COMPLETED.
     *
     * @throws VtnException 452 naming {@code reportRequestId} when unknown or not the VEN's
     */
    void recordTelemetry(String venId, List<TelemetryPoint> points);

    /** @return telemetry ordered by timestamp */
    List<TelemetryPoint> telemetry(TelemetryQuery query);

    /**
     * Stores readings a participant sent on its own, without a report request (IEEE 2030.5 mirrored readings), in the
     * caller's transaction; a value already stored (same participant, rID, time) is not stored twice.
     *
     * @return how many values were new
     */
    int recordReadings(List<TelemetryPoint> points);

    /** @return how many telemetry values the participant has stored (the quota counts these) */
    long telemetryCount(String participantId);
}
