package org.openvtn.sep.http;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.openvtn.schemas.sep.DateTimeInterval;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.FlowReservationRequest;
import org.openvtn.schemas.sep.FlowReservationRequestList;
import org.openvtn.schemas.sep.FlowReservationRequestListLink;
import org.openvtn.schemas.sep.FlowReservationResponse;
import org.openvtn.schemas.sep.FlowReservationResponseList;
import org.openvtn.schemas.sep.FlowReservationResponseListLink;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.RequestStatus;
import org.openvtn.schemas.sep.Response;
import org.openvtn.schemas.sep.ResponseList;
import org.openvtn.schemas.sep.SignedRealEnergy;
import org.openvtn.schemas.sep.TimeType;
import org.openvtn.sep.service.ControlResources;
import org.openvtn.sep.service.FlowReservationService;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.store.JdbcFlowReservationStore;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;

/**
 * The Flow Reservation function set's URLs (IEEE 2030.5-2018 §10.9): the EndDevice's FlowReservationRequestList
 * (GET, POST) with each request (GET, PUT to cancel it), and its FlowReservationResponseList (subscribable) with each
 * response, an event whose subject is the request's mRID and whose replyTo is the device's ResponseList of flow
 * reservation Responses ({@code /edev/{e}/frp/rsp}: GET, POST; each Response GET).
 */
final class FlowReservationRoutes {
    private static final String ID = "(\\d{1,18})";

    private final FlowReservationService service;
    private final ControlResources controls;
    private final long pollRate;

    FlowReservationRoutes(FlowReservationService service, ControlResources controls, long pollRate) {
        this.service = service;
        this.controls = controls;
        this.pollRate = pollRate;
    }

    List<SepRoutes.Route> routes(SepRoutes all) {
        return List.of(
                SepRoutes.route(SepRoutes.E + "/frq", Set.of("GET", "HEAD", "POST"), (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    if ("POST".equals(c.method())) {
                        JdbcFlowReservationStore.Reservation x = service.post(d,
                                c.body(FlowReservationRequest.class));
                        return SepReply.created(SepPaths.frqList(d.id()) + "/" + x.id());
                    }
                    FlowReservationRequestList l = new FlowReservationRequestList();
                    l.setHref(SepPaths.frqList(d.id()));
                    l.setPollRate(pollRate);
                    ListQuery.Page<JdbcFlowReservationStore.Reservation> page = ListQuery.parse(c.query())
                            .page(service.requests(d), null);
                    l.setAll(page.all());
                    l.setResults(page.results());
                    page.items().forEach(x -> l.getFlowReservationRequest().add(request(d, x)));
                    return SepReply.ok(l);
                }),
                SepRoutes.route(SepRoutes.E + "/frq/" + ID, Set.of("GET", "HEAD", "PUT"), (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    long id = Long.parseLong(m.group(2));
                    if ("PUT".equals(c.method())) {
                        service.put(d, id, c.body(FlowReservationRequest.class));
                        return SepReply.noContent();
                    }
                    return SepReply.ok(request(d, service.get(d, id)));
                }),
                SepRoutes.route(SepRoutes.E + "/frp", SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    FlowReservationResponseList l = new FlowReservationResponseList();
                    l.setHref(SepPaths.frpList(d.id()));
                    l.setSubscribable((short) 1);
                    l.setPollRate(pollRate);
                    ListQuery.Page<SepControl> page = ListQuery.parse(c.query()).page(service.responses(d),
                            x -> x.start().getEpochSecond());
                    l.setAll(page.all());
                    l.setResults(page.results());
                    page.items().forEach(x -> l.getFlowReservationResponse().add(response(d, x)));
                    return SepReply.ok(l);
                }),
                SepRoutes.route(SepRoutes.E + "/frp/rsp", Set.of("GET", "HEAD", "POST"), (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    if ("POST".equals(c.method())) {
                        SepRecords.Response r = service.respond(d, c.body(Response.class), issued(d));
                        return SepReply.created(FlowReservationService.responseList(d.id()) + "/" + r.id());
                    }
                    ListQuery.Page<SepRecords.Response> page = service.responsePage(d, ListQuery.parse(c.query()));
                    ResponseList l = new ResponseList();
                    l.setHref(FlowReservationService.responseList(d.id()));
                    l.setAll(page.all());
                    l.setResults(page.results());
                    page.items().forEach(x -> l.getResponse().add(storedResponse(d, x)));
                    return SepReply.ok(l);
                }),
                SepRoutes.route(SepRoutes.E + "/frp/rsp/" + ID, SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    return SepReply.ok(storedResponse(d, service.response(d, Long.parseLong(m.group(2)))));
                }),
                SepRoutes.route(SepRoutes.E + "/frp/" + ID, SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    long id = Long.parseLong(m.group(2));
                    return SepReply.ok(response(d, service.responses(d).stream().filter(x -> x.value() == id)
                            .findFirst().orElseThrow(() -> SepException.notFound("FlowReservationResponse " + id))));
                }));
    }

    /** Adds the FlowReservationRequestListLink and FlowReservationResponseListLink to an EndDevice. */
    EndDevice links(EndDevice e, SepEndDevice d) {
        List<JdbcFlowReservationStore.Reservation> requests = service.requests(d);
        FlowReservationRequestListLink q = new FlowReservationRequestListLink();
        q.setHref(SepPaths.frqList(d.id()));
        q.setAll((long) requests.size());
        e.setFlowReservationRequestListLink(q);
        FlowReservationResponseListLink p = new FlowReservationResponseListLink();
        p.setHref(SepPaths.frpList(d.id()));
        p.setAll((long) service.responses(requests).size());
        e.setFlowReservationResponseListLink(p);
        return e;
    }

    private static FlowReservationRequest request(SepEndDevice d, JdbcFlowReservationStore.Reservation x) {
        FlowReservationRequest r = new FlowReservationRequest();
        r.setHref(SepPaths.frqList(d.id()) + "/" + x.id());
        r.setMRID(mrid(x.mrid()));
        r.setDescription(x.description());
        r.setCreationTime(time(x.requestCreated()));
        r.setDurationRequested(x.durationRequested());
        r.setEnergyRequested(energy(x.energyWh()));
        DateTimeInterval i = new DateTimeInterval();
        i.setStart(time(x.start().getEpochSecond()));
        i.setDuration(x.interval().toSeconds());
        r.setIntervalRequested(i);
        r.setPowerRequested(ControlResources.activePower(x.powerW()));
        RequestStatus s = new RequestStatus();
        s.setDateTime(time(x.statusTime().getEpochSecond()));
        s.setRequestStatus((short) x.requestStatus());
        r.setRequestStatus(s);
        return r;
    }

    private FlowReservationResponse response(SepEndDevice d, SepControl c) {
        JdbcFlowReservationStore.Reservation x = service.get(d, c.value());
        FlowReservationResponse r = new FlowReservationResponse();
        controls.event(r, c, SepPaths.frpList(d.id()));
        r.setHref(SepPaths.frpList(d.id()) + "/" + x.id());
        // Responses go to the device's own flow reservation ResponseList (docs/ieee-2030.5.md "Flow Reservation")
        r.setReplyTo(FlowReservationService.responseList(d.id()));
        r.setResponseRequired(new byte[] {FlowReservationService.RESPONSE_REQUIRED});
        r.setEnergyAvailable(energy(x.energyAvailableWh()));
        r.setPowerAvailable(ControlResources.activePower(x.powerAvailableW()));
        r.setSubject(mrid(x.mrid()));
        return r;
    }

    /** @return the mRIDs (upper-case hex) of the FlowReservationResponses the device can read now */
    private Set<String> issued(SepEndDevice d) {
        Set<String> out = new java.util.HashSet<>();
        for (SepControl c : service.responses(d)) {
            out.add(HexFormat.of().withUpperCase().formatHex(response(d, c).getMRID().getValue()));
        }
        return out;
    }

    /** A stored Response as the type it was posted as (Response or FlowReservationResponseResponse). */
    private static Response storedResponse(SepEndDevice d, SepRecords.Response s) {
        Response r = "FlowReservationResponseResponse".equals(s.kind())
                ? new org.openvtn.schemas.sep.FlowReservationResponseResponse() : new Response();
        r.setHref(FlowReservationService.responseList(d.id()) + "/" + s.id());
        if (s.createdTime() != null) {
            r.setCreatedDateTime(time(s.createdTime().getEpochSecond()));
        }
        r.setEndDeviceLFDI(HexFormat.of().parseHex(d.lfdi()));
        r.setStatus(s.status());
        r.setSubject(mrid(s.subject()));
        return r;
    }

    private static SignedRealEnergy energy(long wh) {
        SignedRealEnergy e = new SignedRealEnergy();
        PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
        m.setValue((byte) 0);
        e.setMultiplier(m);
        e.setValue(wh);
        return e;
    }

    private static MRIDType mrid(String hex) {
        MRIDType t = new MRIDType();
        t.setValue(HexFormat.of().parseHex(hex));
        return t;
    }

    private static TimeType time(long seconds) {
        TimeType t = new TimeType();
        t.setValue(seconds);
        return t;
    }
}
