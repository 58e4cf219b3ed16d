package org.openvtn.sep.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.openvtn.core.Event;
import org.openvtn.core.EventResponse;
import org.openvtn.core.ResponseOutcome;
import org.openvtn.core.OptType;
import org.openvtn.schemas.sep.Response;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.core.EventService;

/**
 * Response function set (IEEE 2030.5-2018 §10.x Response / ResponseSet, Table 27 response
 * types; CSIP requires DER clients to respond to DERControls: received 1, started 2, completed 3,
 * opted out 4, ...). A client POSTs a Response (or DERControlResponse...) to the {@code replyTo}
 * ResponseList of an event; the server stores it and, when the {@code subject} is the mRID of a
 * control derived from a core event, records it in the core's event responses (the same records an
 * OpenADR oadrCreatedEvent fills), with the device's LFDI as the responder id.
 *
 * <p>Core mapping: statuses 4 (opt-out), 8 (partial opt-out), 10 (completed without participation),
 * 12 (user rejected) and 252..255 (CSIP rejections) become OPT_OUT, every other status OPT_IN;
 * responseCode 200; the description names the 2030.5 status.
 *
 * <p>Interpretation (docs/ieee-2030.5.md, CSIP-AUS S-ALL-57): {@code subject} "is populated with the mRID of the
 * original object" (Response.subject), so a response whose subject is not the mRID of a control (or TextMessage)
 * this server issued to the responding device in that ResponseSet's program is invalid input: 400 reasonCode 1,
 * nothing stored. A Response to a TextMessage is stored but reaches no core event (messages are not core events).
 */
public final class ResponseService {
    private static final Set<Integer> OPT_OUT = Set.of(4, 8, 10, 12, 252, 253, 254, 255);
    private static final String[] NAMES = {"", "event received", "event started", "event completed",
        "opted out", "opted in", "event cancelled", "event superseded", "partially completed, opted out",
        "partially completed, opted in"};

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResponseService.class);

    private final JdbcSepRecordStore records;
    private final EventService coreEvents;
    private final SepProgramService programs;
    private final Clock clock;
    private final int maxResponses;
    private final LocalSubjects local;

    public ResponseService(JdbcSepRecordStore records, EventService coreEvents, SepProgramService programs, Clock clock) {
        this(records, coreEvents, programs, clock,
                org.openvtn.core.service.StoreLimits.DEFAULT.maxResponsesPerDevice());
    }

    /** @param maxResponses Responses kept per EndDevice; the oldest beyond it are deleted (issue #12 item 8) */
    public ResponseService(JdbcSepRecordStore records, EventService coreEvents, SepProgramService programs, Clock clock,
                           int maxResponses) {
        this(records, coreEvents, programs, clock, maxResponses, (d, p, m) -> false);
    }

    /**
     * Events of a program that are not core events (TextMessages, Messaging function set) and take Responses too.
     */
    @FunctionalInterface
    public interface LocalSubjects {
        /** @return whether {@code mridHex} is such an event of the program issued to the device */
        boolean issued(SepEndDevice device, String programId, String mridHex);
    }

    /** As above; {@code local} accepts Responses to the program's non-core events (stored, not in the core). */
    public ResponseService(JdbcSepRecordStore records, EventService coreEvents, SepProgramService programs, Clock clock,
                           int maxResponses, LocalSubjects local) {
        this.local = local;
        this.maxResponses = maxResponses;
        this.records = records;
        this.coreEvents = coreEvents;
        this.programs = programs;
        this.clock = clock;
    }

    /**
     * POST to {@code /rsps/{p}/rsp}.
     *
     * @param device    the caller's EndDevice
     * @param programId the ResponseSet (program)
     * @param r         the decoded, schema-valid Response
     * @return the stored response
     * @throws SepException 403 reasonCode 1 when endDeviceLFDI is not the caller's; 400 reasonCode 1 when the
     *                      subject is no control of the program issued to the device
     */
    public SepRecords.Response post(SepEndDevice device, String programId, Response r) {
        programs.program(programId);
        if (!Arrays.equals(r.getEndDeviceLFDI(), HexFormat.of().parseHex(device.lfdi()))) {
            throw SepException.forbidden("endDeviceLFDI does not match the certificate");
        }
        String subject = HexFormat.of().withUpperCase().formatHex(r.getSubject().getValue());
        Short status = r.getStatus();
        Instant created = r.getCreatedDateTime() == null ? null
                : Instant.ofEpochSecond(r.getCreatedDateTime().getValue());
        Instant now = clock.instant();
        java.util.Optional<Event> found = programs.eventForMrid(programId, subject)
                .filter(x -> ControlMapping.targets(device, x));
        if (found.isEmpty() && local.issued(device, programId, subject)) {
            // a TextMessage: kept as a 2030.5 Response, nothing for the core (it is no core event)
            return records.inTransaction(() -> {
                SepRecords.Response stored = records.insertResponse(device.id(), programId,
                        r.getClass().getSimpleName(), subject, status, created, now, null);
                records.trimResponses(device.id(), maxResponses);
                return stored;
            });
        }
        Event e = found.orElseThrow(() -> SepException.badRequest(SepException.INVALID_VALUES, "subject " + subject
                + " is no control of program " + programId + " issued to this EndDevice"));
        return records.inTransaction(() -> {
            SepRecords.Response stored = records.insertResponse(device.id(), programId, r.getClass().getSimpleName(),
                    subject, status, created, now, e.id());
            // the 2030.5 status is kept in the 2030.5 Response record; the core gets the neutral outcome
            coreEvents.recordCheckedResponse(new EventResponse(device.lfdi(), e.id(), e.modificationNumber(),
                    optType(status), ResponseOutcome.ACCEPTED, null, description(status), now));
            int dropped = records.trimResponses(device.id(), maxResponses);
            if (dropped > 0) {
                LOG.info("EndDevice {}: {} oldest Response(s) dropped, {} kept per EndDevice", device.lfdi(), dropped,
                        maxResponses);
            }
            return stored;
        });
    }

    /** @return one page of the caller's responses in a ResponseSet, oldest first, read in the store (issue #12 item 8) */
    public ListQuery.Page<SepRecords.Response> page(SepEndDevice device, String programId, ListQuery q) {
        programs.program(programId);
        return records.inTransaction(() -> q.page(records.responseCount(device.id(), programId),
                (start, limit) -> records.responsePage(device.id(), programId, start, limit)));
    }

    /** @return one of the caller's responses in a ResponseSet */
    public java.util.Optional<SepRecords.Response> get(SepEndDevice device, String programId, long id) {
        programs.program(programId);
        return records.response(device.id(), programId, id);
    }

    /** @return the caller's responses in a ResponseSet, oldest first */
    public List<SepRecords.Response> list(SepEndDevice device, String programId) {
        programs.program(programId);
        return records.responses(device.id(), programId);
    }

    static OptType optType(Short status) {
        return status != null && OPT_OUT.contains((int) status) ? OptType.OPT_OUT : OptType.OPT_IN;
    }

    static String description(Short status) {
        if (status == null) {
            return "IEEE 2030.5 Response without status";
        }
        String name = status > 0 && status < NAMES.length ? " (" + NAMES[status] + ")" : "";
        return "IEEE 2030.5 Response status " + status + name;
    }
}
