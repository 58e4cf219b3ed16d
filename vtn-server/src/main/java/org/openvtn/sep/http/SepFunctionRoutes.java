package org.openvtn.sep.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.LogEvent;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.MirrorMeterReadingList;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.UsagePoint;
import org.openvtn.schemas.sep.Resource;
import org.openvtn.schemas.sep.Response;
import org.openvtn.schemas.sep.Subscription;
import org.openvtn.sep.notify.SepNotifier;
import org.openvtn.sep.service.DefaultControlService;
import org.openvtn.sep.service.DeviceDataService;
import org.openvtn.sep.service.EndDeviceService;
import org.openvtn.sep.service.FunctionResources;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.MeterReadingService;
import org.openvtn.sep.service.MirrorService;
import org.openvtn.sep.service.ResponseService;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.service.SepProgramService;
import org.openvtn.sep.service.SubscriptionService;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.sep.store.SepSubscription;

import static org.openvtn.sep.http.SepRoutes.E;
import static org.openvtn.sep.http.SepRoutes.GET;
import static org.openvtn.sep.http.SepRoutes.P;
import static org.openvtn.sep.http.SepRoutes.route;

/**
 * Routes of the Subscription (IEEE 2030.5-2018 §5.6), Response, DefaultDERControl and device-side
 * DER (§10.10), Metering Mirror and LogEvent function sets. HTTP per §5.5: POST creating a
 * resource -> 201 + Location; PUT creating -> 201, replacing -> 204; DELETE -> 204.
 */
final class SepFunctionRoutes implements SepNotifier.Renderer {
    private static final String ID = "(\\d{1,18})";

    private final EndDeviceService endDevices;
    private final SepProgramService programs;
    private final SubscriptionService subscriptions;
    private final ResponseService responses;
    private final DefaultControlService defaults;
    private final MirrorService mirror;
    private final DeviceDataService data;
    private final FunctionResources resources;
    private volatile SepNotifier notifier;
    private SepRoutes all;

    SepFunctionRoutes(EndDeviceService endDevices, SepProgramService programs, SubscriptionService subscriptions,
                      ResponseService responses, DefaultControlService defaults, MirrorService mirror,
                      DeviceDataService data, FunctionResources resources) {
        this.endDevices = endDevices;
        this.programs = programs;
        this.subscriptions = subscriptions;
        this.responses = responses;
        this.defaults = defaults;
        this.mirror = mirror;
        this.data = data;
        this.resources = resources;
    }

    void notifier(SepNotifier n) {
        this.notifier = n;
    }

    /** DeviceCapability additions: MirrorUsagePointListLink count of the caller's mirrors. */
    DeviceCapability deviceCapability(CertificateIdentity caller, DeviceCapability d) {
        long mups = endDevices.visibleTo(caller).stream().mapToLong(x -> mirror.usagePoints(x).size()).sum();
        org.openvtn.schemas.sep.MirrorUsagePointListLink l = new org.openvtn.schemas.sep.MirrorUsagePointListLink();
        l.setHref(SepPaths.MUP);
        l.setAll(mups);
        d.setMirrorUsagePointListLink(l);
        org.openvtn.schemas.sep.UsagePointListLink u = new org.openvtn.schemas.sep.UsagePointListLink();
        u.setHref(SepPaths.UPT);
        u.setAll(mups);
        d.setUsagePointListLink(u);
        return d;
    }

    boolean hasDefault(Program p) {
        return defaults.get(p.id()).isPresent();
    }

    List<SepRoutes.Route> routes(SepRoutes routes) {
        this.all = routes;
        return List.of(
                route(E + "/sub", Set.of("GET", "HEAD", "POST"), this::subscriptionList),
                route(E + "/sub/" + ID, Set.of("GET", "HEAD", "PUT", "DELETE"), this::subscription),
                route(E + "/derp/" + P + "/dderc", GET, (c, m) -> {
                    SepEndDevice d = routes.device(c, m);
                    Program p = routes.program(m);
                    SepRecords.DefaultControl dc = defaults.get(p.id())
                            .orElseThrow(() -> SepException.notFound("no DefaultDERControl for " + p.id()));
                    return SepReply.ok(resources.defaultDerControl(d, p, dc));
                }),
                route(SepPaths.RSPS, GET, (c, m) -> SepReply.ok(resources.responseSetList(
                        ListQuery.parse(c.query()).page(programs.programs(), null)))),
                route(SepPaths.RSPS + "/([A-Za-z0-9_.~-]{1,64})", GET,
                        (c, m) -> SepReply.ok(resources.responseSet(programs.program(m.group(1))))),
                route(SepPaths.RSPS + "/([A-Za-z0-9_.~-]{1,64})/rsp", Set.of("GET", "HEAD", "POST"), this::responseList),
                route(SepPaths.RSPS + "/([A-Za-z0-9_.~-]{1,64})/rsp/" + ID, GET, (c, m) -> {
                    caller(c);
                    long id = Long.parseLong(m.group(2));
                    // an aggregator reads the Responses of each EndDevice it manages (CSIP AGG-*)
                    for (SepEndDevice d : endDevices.visibleTo(c.caller())) {
                        Optional<SepRecords.Response> r = responses.get(d, m.group(1), id);
                        if (r.isPresent()) {
                            return SepReply.ok(resources.response(d, r.get()));
                        }
                    }
                    throw SepException.notFound("response " + id);
                }),
                route(SepPaths.MUP, Set.of("GET", "HEAD", "POST"), this::mirrorList),
                route(SepPaths.MUP + "/" + ID, Set.of("GET", "HEAD", "POST"), this::mirrorUsagePoint),
                route(SepPaths.MUP + "/" + ID + "/mr/" + ID, GET, (c, m) -> {
                    SepEndDevice d = mupOwner(c, Long.parseLong(m.group(1)));
                    SepRecords.Document mup = mirror.usagePoint(d, Long.parseLong(m.group(1)));
                    long id = Long.parseLong(m.group(2));
                    MirrorUsagePoint x = mirror.decode(mup);
                    SepRecords.MirrorReading r = mirror.reading(mup.id(), id)
                            .orElseThrow(() -> SepException.notFound("MirrorMeterReading " + id + " of " + x.getHref()));
                    return SepReply.ok(resources.mirrorMeterReading(r));
                }),
                route(SepPaths.UPT, GET, (c, m) -> {
                    List<UsagePoint> items = mirrors(c).stream().map(this::usagePoint)
                            .sorted(java.util.Comparator.comparing(u -> java.util.HexFormat.of().formatHex(u.getMRID().getValue())))
                            .toList();
                    return SepReply.ok(resources.usagePointList(ListQuery.parse(c.query()).page(items, null)));
                }),
                route(SepPaths.UPT + "/" + ID, GET,
                        (c, m) -> SepReply.ok(usagePoint(usagePoint(c, Long.parseLong(m.group(1)))))),
                route(SepPaths.UPT + "/" + ID + "/mr", GET, (c, m) -> {
                    long id = usagePoint(c, Long.parseLong(m.group(1))).id();
                    List<SepRecords.MirrorReading> items = mirror.readings(id).stream()
                            .sorted(java.util.Comparator.comparing(SepRecords.MirrorReading::mrid)).toList();
                    ListQuery.Page<SepRecords.MirrorReading> page = ListQuery.parse(c.query()).page(items, null);
                    org.openvtn.schemas.sep.MeterReadingList l = resources.meterReadingList(id, page);
                    for (int i = 0; i < page.items().size(); i++) {
                        mirror.values().links(l.getMeterReading().get(i), page.items().get(i));
                    }
                    return SepReply.ok(l);
                }),
                route(SepPaths.UPT + "/" + ID + "/mr/" + ID, GET, (c, m) -> {
                    SepRecords.MirrorReading r = meterReading(c, m);
                    org.openvtn.schemas.sep.MeterReading x = resources.meterReading(r);
                    mirror.values().links(x, r);
                    return SepReply.ok(x);
                }),
                route(SepPaths.UPT + "/" + ID + "/mr/" + ID + "/r", GET,
                        (c, m) -> SepReply.ok(mirror.values().current(meterReading(c, m)))),
                route(SepPaths.UPT + "/" + ID + "/mr/" + ID + "/rs", GET, (c, m) -> SepReply.ok(
                        mirror.values().readingSetList(meterReading(c, m), ListQuery.parse(c.query())))),
                route(SepPaths.UPT + "/" + ID + "/mr/" + ID + "/rs/" + ID, GET, (c, m) -> SepReply.ok(
                        mirror.values().readingSet(meterReading(c, m), Long.parseLong(m.group(3))))),
                route(SepPaths.UPT + "/" + ID + "/mr/" + ID + "/rs/" + ID + "/r", GET, (c, m) -> SepReply.ok(
                        mirror.values().readingList(meterReading(c, m), Long.parseLong(m.group(3)),
                                ListQuery.parse(c.query())))),
                route(SepPaths.UPT + "/" + ID + "/mr/" + ID + "/rs/" + ID + "/r/" + ID, GET, (c, m) -> SepReply.ok(
                        mirror.values().reading(meterReading(c, m), Long.parseLong(m.group(3)),
                                Long.parseLong(m.group(4))))),
                route(SepPaths.UPT + "/" + ID + "/mr/" + ID + "/rt", GET,
                        (c, m) -> SepReply.ok(resources.readingType(meterReading(c, m)))),
                route(E + "/lel", Set.of("GET", "HEAD", "POST"), this::logEvents),
                route(E + "/lel/" + ID, GET, (c, m) -> {
                    SepEndDevice d = routes.device(c, m);
                    long id = Long.parseLong(m.group(2));
                    LogEvent e = data.logEvent(d, id)
                            .orElseThrow(() -> SepException.notFound("LogEvent " + id)).event();
                    e.setHref(SepPaths.lelList(d.id()) + "/" + id);
                    return SepReply.ok(e);
                }),
                route(E + "/der", GET, (c, m) -> {
                    SepEndDevice d = routes.device(c, m);
                    return SepReply.ok(resources.derList(d, ListQuery.parse(c.query()).page(resources.derNumbers(),
                            null)));
                }),
                route(E + "/der/(\\d{1,2})", GET, (c, m) -> SepReply.ok(resources.der(routes.device(c, m),
                        derNumber(m)))),
                route(E + "/der/(\\d{1,2})/(dercap|derg|ders|dera)", Set.of("GET", "HEAD", "PUT"), this::derResource));
    }

    private SepReply subscriptionList(SepRoutes.Call c, Matcher m) {
        SepEndDevice d = all.device(c, m);
        if ("POST".equals(c.method())) {
            SubscriptionService.Created s = subscriptions.subscribe(d, c.body(Subscription.class),
                    (dev, path) -> render(dev, path, 0).isPresent());
            SepNotifier n = notifier;
            if (s.created() && n != null) {
                n.subscribed(s.subscription());
            }
            return SepReply.created(SepPaths.sub(d.id(), s.subscription().id()));
        }
        return SepReply.ok(resources.subscriptionList(d, ListQuery.parse(c.query()).page(subscriptions.list(d), null)));
    }

    private SepReply subscription(SepRoutes.Call c, Matcher m) {
        SepEndDevice d = all.device(c, m);
        long id = Long.parseLong(m.group(2));
        if ("DELETE".equals(c.method())) {
            SepSubscription s = subscriptions.delete(d, id);
            SepNotifier n = notifier;
            if (n != null) {
                n.unsubscribed(s.id());
            }
            return SepReply.noContent();
        }
        if ("PUT".equals(c.method())) {
            SepSubscription s = subscriptions.update(d, id, c.body(Subscription.class),
                    (dev, path) -> render(dev, path, 0).isPresent());
            SepNotifier n = notifier;
            if (n != null) {
                n.updated(s);
            }
            return SepReply.noContent();
        }
        return SepReply.ok(resources.subscription(subscriptions.get(d, id)));
    }

    private SepReply responseList(SepRoutes.Call c, Matcher m) {
        String p = m.group(1);
        if ("POST".equals(c.method())) {
            caller(c);
            Response body = c.body(Response.class);
            // the EndDevice the Response is for: the caller's, or one an aggregator manages (CSIP AGG-*)
            SepEndDevice d = all.enabled(c, endDevices.actingFor(c.caller(), body.getEndDeviceLFDI()),
                    "POST " + SepPaths.rspList(p));
            SepRecords.Response r = responses.post(d, p, body);
            return SepReply.created(SepPaths.rspList(p) + "/" + r.id());
        }
        ListQuery q = ListQuery.parse(c.query());
        List<SepEndDevice> visible = endDevices.visibleTo(c.caller());
        if (visible.isEmpty()) {
            programs.program(p); // 404 for an unknown ResponseSet, as for a device that has one
            return SepReply.ok(resources.responseList((SepEndDevice) null, p, q.page(List.<SepRecords.Response>of(), null)));
        }
        if (visible.size() == 1) {
            return SepReply.ok(resources.responseList(visible.get(0), p, responses.page(visible.get(0), p, q)));
        }
        // an aggregator: the Responses of every EndDevice it manages, in the order they were received
        List<SepRecords.Response> all = new java.util.ArrayList<>();
        visible.forEach(d -> all.addAll(responses.list(d, p)));
        all.sort(java.util.Comparator.comparingLong(SepRecords.Response::id));
        return SepReply.ok(resources.responseList(visible, p, q.page(all, null)));
    }

    private SepReply mirrorList(SepRoutes.Call c, Matcher m) {
        if ("POST".equals(c.method())) {
            caller(c);
            MirrorUsagePoint body = c.body(MirrorUsagePoint.class);
            // deviceLFDI names the EndDevice: the caller's, or one an aggregator manages (CSIP AGG-*)
            SepRecords.Document doc = mirror.postUsagePoint(all.enabled(c, endDevices.actingFor(c.caller(),
                    body.getDeviceLFDI()), "POST " + SepPaths.MUP), body);
            return SepReply.created(SepPaths.mup(doc.id()));
        }
        // A list DeviceCapability advertises is readable before the client has an EndDevice: it is empty then
        // (CSIP-AUS S-ALL-02/03/56), never an error.
        List<MirrorUsagePoint> items = mirrors(c).stream().map(this::mup).toList();
        return SepReply.ok(resources.mirrorUsagePointList(ListQuery.parse(c.query()).page(items, null)));
    }

    private SepReply mirrorUsagePoint(SepRoutes.Call c, Matcher m) {
        long id = Long.parseLong(m.group(1));
        SepEndDevice d = mupOwner(c, id);
        if ("POST".equals(c.method())) {
            Object body = c.body(Object.class);
            if (body instanceof MirrorMeterReadingList list) {
                // CSIP-AUS S-ALL-06: several readings in one POST, stored all or nothing; the Location is the
                // MirrorUsagePoint they were posted to (docs/ieee-2030.5.md "Metering mirror")
                // each Reading's Notifications are queued in that transaction (MirrorService, ChangeNotices)
                mirror.postReadings(d, id, list.getMirrorMeterReading());
                return SepReply.created(SepPaths.mup(id));
            }
            if (!(body instanceof MirrorMeterReading mmr)) {
                throw SepException.badRequest(SepException.INVALID_FORMAT, "POST /mup/" + id + " takes a "
                        + "MirrorMeterReading or a MirrorMeterReadingList, not " + body.getClass().getSimpleName());
            }
            SepRecords.MirrorReading r = mirror.postReading(d, id, mmr);
            return SepReply.created(SepPaths.mup(id) + "/mr/" + r.id());
        }
        return SepReply.ok(mup(mirror.usagePoint(d, id)));
    }

    private UsagePoint usagePoint(SepRecords.Document doc) {
        return resources.usagePoint(mirror.decode(doc), doc.id(), mirror.readings(doc.id()).size());
    }

    private SepRecords.MirrorReading meterReading(SepRoutes.Call c, Matcher m) {
        long mupId = usagePoint(c, Long.parseLong(m.group(1))).id();
        long id = Long.parseLong(m.group(2));
        return mirror.reading(mupId, id).orElseThrow(() -> SepException.notFound("MeterReading " + id));
    }

    private MirrorUsagePoint mup(SepRecords.Document doc) {
        MirrorUsagePoint x = mirror.decode(doc);
        x.setHref(SepPaths.mup(doc.id()));
        return x;
    }

    private SepReply logEvents(SepRoutes.Call c, Matcher m) {
        SepEndDevice d = all.device(c, m);
        if ("POST".equals(c.method())) {
            long id = data.postLogEvent(d, c.body(LogEvent.class));
            return SepReply.created(SepPaths.lelList(d.id()) + "/" + id);
        }
        return SepReply.ok(resources.logEventList(d, data.logEventPage(d, ListQuery.parse(c.query()))));
    }

    private SepReply derResource(SepRoutes.Call c, Matcher m) {
        SepEndDevice d = all.device(c, m);
        int n = derNumber(m);
        String kind = m.group(3);
        String href = SepPaths.der(d.id(), n) + "/" + kind;
        if ("PUT".equals(c.method())) {
            boolean created = data.putDer(d, n, kind, c.body(DeviceDataService.DER_KINDS.get(kind)));
            return created ? SepReply.created(href) : SepReply.noContent();
        }
        Object doc = data.der(d, n, kind).orElseThrow(() -> SepException.notFound(kind + " not reported yet"));
        ((Resource) doc).setHref(href);
        return SepReply.ok(doc);
    }

    /** The DER number of the path (group 2), 1..the DERs each EndDevice has; 404 otherwise. */
    private int derNumber(Matcher m) {
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || n > resources.derNumbers().size()) {
            throw SepException.notFound("DER " + n);
        }
        return n;
    }

    /** The MirrorUsagePoints of every EndDevice the caller sees (its own; an aggregator's sites too), by index. */
    private List<SepRecords.Document> mirrors(SepRoutes.Call c) {
        List<SepRecords.Document> out = new java.util.ArrayList<>();
        endDevices.visibleTo(c.caller()).forEach(d -> out.addAll(mirror.usagePoints(d)));
        out.sort(java.util.Comparator.comparingLong(SepRecords.Document::id));
        return out;
    }

    /**
     * The EndDevice a MirrorUsagePoint belongs to, when the caller sees it (its own, or an aggregator's site).
     *
     * @throws SepException 400 reasonCode 1 before the caller has an EndDevice; 404 for anyone else's; 403 when the
     *                      operator disabled the owner
     */
    private SepEndDevice mupOwner(SepRoutes.Call c, long mupId) {
        caller(c);
        Optional<Long> owner = mirror.ownerOf(mupId);
        SepEndDevice d = endDevices.visibleTo(c.caller()).stream().filter(x -> owner.isPresent()
                && x.id() == owner.get()).findFirst().orElseThrow(() -> SepException.notFound("MirrorUsagePoint "
                + mupId));
        return all.enabled(c, d, c.method() + " " + SepPaths.mup(mupId));
    }

    private SepRecords.Document usagePoint(SepRoutes.Call c, long mupId) {
        return mirror.usagePoint(mupOwner(c, mupId), mupId);
    }

    /**
     * For paths outside {@code /edev/{e}} (ResponseSet, mirror): one EndDevice the caller sees (its own, or for an
     * aggregator the first by sFDI); 400 reasonCode 1 before it has any.
     */
    private SepEndDevice caller(SepRoutes.Call c) {
        return endDevices.visibleTo(c.caller()).stream().findFirst().orElseThrow(() -> SepException.badRequest(SepException.INVALID_VALUES,
                "the client has no EndDevice yet (POST /edev first)"));
    }

    @Override
    public Optional<SepNotifier.Rendered> render(SepEndDevice device, String path, long limit) {
        CertificateIdentity id = new CertificateIdentity("", "", device.lfdi(), device.sfdi());
        Map<String, String> query = Map.of("l", Long.toString(Math.min(limit, ListQuery.MAX_LIMIT)));
        SepRoutes.Call get = new SepRoutes.Call() {
            @Override public String method() { return "GET"; }
            @Override public CertificateIdentity caller() { return id; }
            @Override public Map<String, String> query() { return query; }
            @Override public <T> T body(Class<T> type) { throw new IllegalStateException("no body"); }
            @Override public byte[] bytes() { throw new IllegalStateException("no body"); }
        };
        try {
            Object r = all.dispatch(path, get).body();
            if (r instanceof SepNotifier.Rendered shared) {
                return Optional.of(shared);
            }
            return r instanceof Resource res ? Optional.of(SepNotifier.Rendered.of(res)) : Optional.empty();
        } catch (SepException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
