package org.openvtn.store;

import java.util.List;
import java.util.Optional;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;

/** Persistence of METADATA capabilities, report requests and telemetry. */
public interface ReportStore {
    void replaceCapabilities(String venId, List<ReportCapability> capabilities);

    List<ReportCapability> capabilities(String venId);

    /** Inserts or replaces by reportRequestId. */
    void saveRequest(ReportRequest request);

    Optional<ReportRequest> findRequest(String reportRequestId);

    List<ReportRequest> requestsByVen(String venId);

    void deleteRequestsByVen(String venId);

    /**
     * Stores values idempotently (issue #12 item 7): one row per (venId, reportRequestId, rId, timestamp); a value
     * already stored is overwritten (last write wins).
     *
     * @return how many new rows were added
     */
    int insertTelemetry(List<TelemetryPoint> points);

    /** @return how many telemetry rows the VEN has (quota, issue #12 item 8) */
    long telemetryCount(String venId);

    List<TelemetryPoint> telemetry(TelemetryQuery query);
}
