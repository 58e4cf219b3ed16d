package org.openvtn.sep.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.openvtn.schemas.sep.FlowReservationRequest;
import org.openvtn.sep.store.JdbcFlowReservationStore;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The Flow Reservation function set (IEEE 2030.5-2018 §10.9; EV charging sessions): a device POSTs a
 * FlowReservationRequest (energy, power, interval) and reads the server's FlowReservationResponse. Policy
 * (docs/ieee-2030.5.md "Flow Reservation"): every request is accepted as requested when it arrives; the operator may
 * then adjust the energy and power available or reject it through the admin API. A response is an event:
 * Scheduled before the requested interval, Active during it, Cancelled when the device cancels its request or the
 * operator rejects it, gone after its end.
 */
public final class FlowReservationService {
    /** Answers. */
    public static final String ACCEPTED = "accepted";
    public static final String ADJUSTED = "adjusted";
    public static final String REJECTED = "rejected";
    /** Longest interval a device may reserve. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(7);
    /** Reservations one EndDevice may hold. */
    public static final int MAX_PER_DEVICE = 64;
    /** Stored Responses' set: each EndDevice's FlowReservationResponses take Responses at {@link #responseList}. */
    public static final String RESPONSE_SET = "frp";
    /**
     * responseRequired of every FlowReservationResponse (IEEE 2030.5-2018 Table 27, bit 0): the device acknowledges
     * the offer (status 1, received); started / completed are the charging session's, not asked for.
     */
    public static final byte RESPONSE_REQUIRED = 0x01;

    private final JdbcFlowReservationStore store;
    private final JdbcSepRecordStore records;
    private final Clock clock;

    public FlowReservationService(JdbcFlowReservationStore store, JdbcSepRecordStore records, Clock clock) {
        this.store = store;
        this.records = records;
        this.clock = clock;
    }

    /**
     * POST {@code /edev/{e}/frq}: stores the request and accepts it as requested.
     *
     * @throws SepException 400 reasonCode 1 for an interval not in the future's reach (duration 0 or over 7 days),
     *                      an mRID the device used already, or a device over its quota
     */
    public JdbcFlowReservationStore.Reservation post(SepEndDevice d, FlowReservationRequest r) {
        long seconds = r.getIntervalRequested().getDuration();
        if (seconds < 1 || seconds > MAX_INTERVAL.toSeconds()) {
            throw invalid("intervalRequested.duration must be 1 s .. 7 days, got " + seconds);
        }
        String mrid = HexFormat.of().withUpperCase().formatHex(r.getMRID().getValue());
        List<JdbcFlowReservationStore.Reservation> mine = store.ofDevice(d.id());
        if (mine.stream().anyMatch(x -> x.mrid().equals(mrid))) {
            throw invalid("a FlowReservationRequest with mRID " + mrid + " exists already (PUT it to change its status)");
        }
        if (mine.size() >= MAX_PER_DEVICE) {
            throw invalid("EndDevice holds " + MAX_PER_DEVICE + " flow reservations, the most it may");
        }
        long wh = scaled(r.getEnergyRequested().getValue(), r.getEnergyRequested().getMultiplier().getValue());
        long w = scaled(r.getPowerRequested().getValue(), r.getPowerRequested().getMultiplier().getValue());
        Instant now = clock.instant();
        JdbcFlowReservationStore.Reservation x = store.insert(new JdbcFlowReservationStore.Reservation(0, d.id(), mrid,
                r.getDescription(), r.getCreationTime().getValue(),
                Instant.ofEpochSecond(r.getIntervalRequested().getStart().getValue()), Duration.ofSeconds(seconds),
                r.getDurationRequested(), wh, w, r.getRequestStatus().getRequestStatus(), now, ACCEPTED, wh, w, now));
        changed(d.id());
        return x;
    }

    /** PUT {@code /edev/{e}/frq/{n}}: the device changes its request's status (1 = cancelled); nothing else. */
    public void put(SepEndDevice d, long id, FlowReservationRequest r) {
        JdbcFlowReservationStore.Reservation x = get(d, id);
        if (!x.mrid().equals(HexFormat.of().withUpperCase().formatHex(r.getMRID().getValue()))) {
            throw invalid("mRID differs from the stored request's " + x.mrid());
        }
        int status = r.getRequestStatus().getRequestStatus();
        if (status != 0 && status != 1) {
            throw invalid("requestStatus must be 0 (requested) or 1 (cancelled), got " + status);
        }
        store.requestStatus(id, status, clock.instant());
        changed(d.id());
    }

    /** @return one of the device's reservations (404 otherwise) */
    public JdbcFlowReservationStore.Reservation get(SepEndDevice d, long id) {
        return store.ofDevice(d.id()).stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> SepException.notFound("FlowReservationRequest " + id));
    }

    /** @return the device's requests by id */
    public List<JdbcFlowReservationStore.Reservation> requests(SepEndDevice d) {
        return store.ofDevice(d.id());
    }

    /** @return the device's responses that have not ended, as events in list order */
    public List<SepControl> responses(SepEndDevice d) {
        return responses(store.ofDevice(d.id()));
    }

    /** @return the responses of these requests (one device's) that have not ended, as events in list order */
    public List<SepControl> responses(List<JdbcFlowReservationStore.Reservation> requests) {
        Instant now = clock.instant();
        List<SepControl> out = new ArrayList<>();
        for (JdbcFlowReservationStore.Reservation x : requests) {
            if (now.isBefore(x.end())) {
                out.add(event(x, now));
            }
        }
        out.sort(ControlMapping.LIST_ORDER);
        return out;
    }

    /** @return the ResponseList a device's FlowReservationResponses name as replyTo ({@code /edev/{e}/frp/rsp}) */
    public static String responseList(long endDevice) {
        return SepPaths.frpList(endDevice) + "/rsp";
    }

    /**
     * POST to {@link #responseList}: a Response (or FlowReservationResponseResponse) to one of the device's
     * FlowReservationResponses (IEEE 2030.5-2018 §10.9, Response function set), stored like a control's.
     *
     * @param issued the mRIDs (upper-case hex) of the FlowReservationResponses the device can read now
     * @throws SepException 403 when endDeviceLFDI is not the device's; 400 reasonCode 1 when the subject is none of
     *                      {@code issued}
     */
    public org.openvtn.sep.store.SepRecords.Response respond(SepEndDevice d, org.openvtn.schemas.sep.Response r,
                                                             java.util.Set<String> issued) {
        if (!java.util.Arrays.equals(r.getEndDeviceLFDI(), HexFormat.of().parseHex(d.lfdi()))) {
            throw SepException.forbidden("endDeviceLFDI does not match the certificate");
        }
        String subject = HexFormat.of().withUpperCase().formatHex(r.getSubject().getValue());
        if (!issued.contains(subject)) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "subject " + subject
                    + " is no FlowReservationResponse of this EndDevice");
        }
        Instant created = r.getCreatedDateTime() == null ? null
                : Instant.ofEpochSecond(r.getCreatedDateTime().getValue());
        return records.inTransaction(() -> {
            org.openvtn.sep.store.SepRecords.Response stored = records.insertResponse(d.id(), RESPONSE_SET,
                    r.getClass().getSimpleName(), subject, r.getStatus(), created, clock.instant(), null);
            records.trimResponses(d.id(), org.openvtn.core.service.StoreLimits.DEFAULT.maxResponsesPerDevice());
            return stored;
        });
    }

    /** @return one page of the device's Responses to its FlowReservationResponses, oldest first */
    public ListQuery.Page<org.openvtn.sep.store.SepRecords.Response> responsePage(SepEndDevice d, ListQuery q) {
        return records.inTransaction(() -> q.page(records.responseCount(d.id(), RESPONSE_SET),
                (start, limit) -> records.responsePage(d.id(), RESPONSE_SET, start, limit)));
    }

    /** @return one of the device's Responses to its FlowReservationResponses (404 otherwise) */
    public org.openvtn.sep.store.SepRecords.Response response(SepEndDevice d, long id) {
        return records.response(d.id(), RESPONSE_SET, id)
                .orElseThrow(() -> SepException.notFound("Response " + id));
    }

    /** @return every reservation (admin API) */
    public List<JdbcFlowReservationStore.Reservation> all() {
        return store.all();
    }

    /**
     * The operator's answer to reservation {@code id}.
     *
     * @throws IllegalArgumentException naming {@code decision}, {@code energyAvailableWh} or {@code powerAvailableW};
     *                                  {@code id: unknown ...} for an unknown reservation
     */
    public JdbcFlowReservationStore.Reservation decide(long id, String decision, Long energyWh, Long powerW) {
        JdbcFlowReservationStore.Reservation x = store.all().stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("id: unknown flow reservation " + id));
        long e;
        long p;
        switch (decision == null ? "" : decision) {
            case ACCEPTED -> {
                e = x.energyWh();
                p = x.powerW();
            }
            case ADJUSTED -> {
                if (energyWh == null || powerW == null) {
                    throw new IllegalArgumentException("energyAvailableWh: adjusted needs energyAvailableWh and "
                            + "powerAvailableW");
                }
                e = energyWh;
                p = powerW;
            }
            case REJECTED -> {
                e = 0;
                p = 0;
            }
            default -> throw new IllegalArgumentException("decision: accepted, adjusted or rejected; got " + decision);
        }
        if (Math.abs(p) > 32767L * 1_000_000_000L) {
            throw new IllegalArgumentException("powerAvailableW: out of ActivePower's range");
        }
        store.decide(id, decision, e, p, clock.instant());
        changed(x.deviceId());
        return store.all().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    /** The response as an event: key {@code frp:{id}}, Cancelled when the request is cancelled or rejected. */
    static SepControl event(JdbcFlowReservationStore.Reservation x, Instant now) {
        short status;
        Instant at;
        if (x.requestStatus() == 1 || REJECTED.equals(x.decision())) {
            status = SepControl.CANCELLED;
            at = x.requestStatus() == 1 ? x.statusTime() : x.decidedAt();
        } else if (now.isBefore(x.start())) {
            status = SepControl.SCHEDULED;
            at = x.decidedAt();
        } else {
            status = SepControl.ACTIVE;
            at = x.start();
        }
        return SepControl.single(SepControl.Kind.FLOW_RESERVATION, "", "frp" + x.id(), "frp:" + x.id(), 1,
                x.decidedAt(), x.start(), x.interval(), status, at,
                SepControl.Mode.FLOW_RESERVATION_REQUEST, x.id(), 0, 0, -1);
    }

    private static long scaled(long value, int multiplier) {
        try {
            return BigDecimal.valueOf(value).movePointRight(multiplier).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
        } catch (ArithmeticException e) {
            throw invalid("a value times 10^" + multiplier + " is out of range");
        }
    }

    private static SepException invalid(String message) {
        return SepException.badRequest(SepException.INVALID_VALUES, "FlowReservationRequest: " + message);
    }

    private void changed(long deviceId) {
        records.recordChange("frp", deviceId, null, clock.instant());
    }
}
