package org.openvtn.conformance.oadr20b.ven;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.w3c.dom.Element;

/**
 * The harness VTN's registration and event state and its 2.0b answer to each VEN payload (profile §8): query and
 * create registration, cancel, the current event list for oadrRequestEvent, oadrRegisteredReport (with the
 * piggy-backed report requests a case asked for), report, opt and event acknowledgements. Callers hold the
 * object's monitor. The venID is allocated once per run (N1_0025: pre-allocated by the VTN).
 */
final class VtnAnswers {

    static final String VTN_ID = "OPENVTN-CONFORMANCE-VTN";

    private final Duration pollFreq;
    private final String venId = "suite-ven-" + UUID.randomUUID().toString().substring(0, 8);
    private String registrationId;
    private final Map<String, VtnMessages.Event> events = new LinkedHashMap<>();
    private final List<VtnMessages.ReportRequest> piggyBack = new ArrayList<>();
    private Element metadata;
    private String transportAddress;
    private final Map<String, String> remembered = new java.util.HashMap<>();

    VtnAnswers(Duration pollFreq) {
        this.pollFreq = pollFreq;
    }

    /** The 2.0b service a VEN-sent message belongs to, or null if it is not one a VEN sends. */
    static String serviceOf(String name) {
        return switch (name) {
            case "oadrQueryRegistration", "oadrCreatePartyRegistration", "oadrCancelPartyRegistration",
                 "oadrCanceledPartyRegistration" -> "EiRegisterParty";
            case "oadrPoll" -> "OadrPoll";
            case "oadrRequestEvent", "oadrCreatedEvent" -> "EiEvent";
            case "oadrRegisterReport", "oadrRegisteredReport", "oadrCreatedReport", "oadrUpdateReport",
                 "oadrCanceledReport" -> "EiReport";
            case "oadrCreateOpt", "oadrCancelOpt" -> "EiOpt";
            default -> null;
        };
    }

    /** The push VEN's oadrTransportAddress from its last registration, or null (pull). */
    synchronized String transportAddress() {
        return transportAddress;
    }

    Duration pollFreq() {
        return pollFreq;
    }

    synchronized String venId() {
        return venId;
    }

    synchronized String registrationId() {
        return registrationId;
    }

    /** Forgets the registration on the VTN side (after a cancel either way). */
    synchronized void unregister() {
        registrationId = null;
    }

    /** The METADATA oadrRegisterReport the VEN sent last, or null. */
    synchronized Element metadata() {
        return metadata;
    }

    /** Sets the VTN's current event list (what oadrRequestEvent returns); returns the distribution payload. */
    synchronized String distribute(List<VtnMessages.Event> list) {
        events.clear();
        list.forEach(e -> events.put(e.id(), e));
        return VtnMessages.distributeEvent(VTN_ID, venId, list);
    }

    synchronized List<VtnMessages.Event> events() {
        return List.copyOf(events.values());
    }

    /** Something a later case of the run builds on (e.g. the optID of a created schedule); null forgets it. */
    synchronized void remember(String key, String value) {
        if (value == null) {
            remembered.remove(key);
        } else {
            remembered.put(key, value);
        }
    }

    synchronized String recall(String key) {
        return remembered.get(key);
    }

    /** Report requests to piggy-back on the next oadrRegisteredReport (R1_3060 family). */
    synchronized void piggyBack(List<VtnMessages.ReportRequest> requests) {
        piggyBack.clear();
        piggyBack.addAll(requests);
    }

    synchronized String answer(String name, Element m) {
        String req = Dom.text(m, "requestID");
        req = req == null ? "" : req;
        switch (name) {
            case "oadrQueryRegistration":
                return VtnMessages.createdPartyRegistration(req, registrationId, registrationId == null ? null : venId,
                        VTN_ID, pollFreq);
            case "oadrCreatePartyRegistration":
                transportAddress = "false".equals(Dom.text(m, "oadrHttpPullModel")) ? Dom.text(m,
                        "oadrTransportAddress") : null;
                if (registrationId == null) {
                    registrationId = "reg-" + UUID.randomUUID();
                }
                return VtnMessages.createdPartyRegistration(req, registrationId, venId, VTN_ID, pollFreq);
            case "oadrCancelPartyRegistration": {
                String id = Dom.text(m, "registrationID");
                registrationId = null;
                return VtnMessages.canceledPartyRegistration(req, id, venId);
            }
            case "oadrCanceledPartyRegistration":
                registrationId = null;
                return VtnMessages.response(200, req, venId);
            case "oadrRequestEvent":
                return VtnMessages.distributeEvent(VTN_ID, venId, List.copyOf(events.values()));
            case "oadrRegisterReport": {
                metadata = m;
                List<VtnMessages.ReportRequest> pb = List.copyOf(piggyBack);
                piggyBack.clear();
                return VtnMessages.registeredReport(req, venId, pb);
            }
            case "oadrUpdateReport":
                return VtnMessages.updatedReport(req, venId);
            case "oadrCreateOpt":
                return VtnMessages.createdOpt(req, Dom.text(m, "optID"));
            case "oadrCancelOpt":
                return VtnMessages.canceledOpt(req, Dom.text(m, "optID"));
            default:
                return VtnMessages.response(200, req, venId);
        }
    }
}
