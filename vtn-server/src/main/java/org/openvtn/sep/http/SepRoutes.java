package org.openvtn.sep.http;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DERProgram;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.sep.service.ControlResources;
import org.openvtn.sep.service.EndDeviceService;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.service.SepProgramService;
import org.openvtn.sep.service.SepResources;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The 2030.5 URL table (layout in {@link SepPaths}): path pattern, allowed methods, action. A path
 * that matches no pattern is 404; a known path with another method is 405 with {@code Allow}
 * (IEEE 2030.5-2018 §5.5; CSIP CORE-001).
 */
final class SepRoutes {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SepRoutes.class);

    /** The request as a route sees it. */
    interface Call {
        String method();
        CertificateIdentity caller();
        Map<String, String> query();
        /** Decodes the request body as the given type (400 on invalid input). */
        <T> T body(Class<T> type);
        /** The raw request body (Content-Type and size checked; 413/415 as for {@link #body}). */
        byte[] bytes();

        /** Told which route matched, as a bounded template such as {@code /edev/{}/derp/{}/derc} (metrics). */
        default void matched(String template) {
        }
    }

    interface Action {
        SepReply run(Call call, Matcher m);
    }

    /** @param template the pattern with its groups written {@code {}}: the service tag of the request metrics */
    record Route(Pattern pattern, Set<String> methods, Action action, String template) {
    }

    /** A capturing group, possibly holding one level of nested groups. */
    private static final Pattern GROUP = Pattern.compile("\\((?:[^()]|\\([^()]*\\))*\\)");

    static final String E = "/edev/(\\d{1,18})";
    static final String P = "([A-Za-z0-9_.~-]{1,64})";
    static final String MRID = "([0-9A-Fa-f]{32})";
    static final Set<String> GET = Set.of("GET", "HEAD");

    private final EndDeviceService endDevices;
    private final SepProgramService programs;
    private final SepResources resources;
    private final ControlResources controls;
    private final List<Route> routes;
    private final Clock clock;
    private final org.openvtn.sep.service.DerCurveService curves;
    private final org.openvtn.sep.service.CurveResources curveResources;
    private final PricingRoutes pricing;
    private final MessagingRoutes messaging;
    private final FlowReservationRoutes flows;
    private final BillingRoutes billing;
    private volatile boolean inBandRegistration = true;
    private volatile org.openvtn.sep.service.ProgramGroupService programGroups;
    /** A program below an EndDevice: {@code /edev/{e}/(fsa|derp|drp|tp|msg)/{p}...}. */
    private static final Pattern PROGRAM_PATH = Pattern.compile(E + "/(?:fsa|derp|drp|tp|msg|ca)/" + P + "(?:/.*)?");
    /** Encoded control list pages shared between devices and requests (issue #18); null: encoded per request. */
    private ListBodies listBodies;

    SepRoutes(EndDeviceService endDevices, SepProgramService programs, SepResources resources,
              ControlResources controls, Clock clock, SepFunctionRoutes functions) {
        this(endDevices, programs, resources, controls, clock, functions, null);
    }

    /** As above, plus the CSIP-AUS 1.3 resources when the server has CSIP-AUS bound ({@code csipAus} not null). */
    SepRoutes(EndDeviceService endDevices, SepProgramService programs, SepResources resources,
              ControlResources controls, Clock clock, SepFunctionRoutes functions, CsipAusRoutes csipAus) {
        this(endDevices, programs, resources, controls, clock, functions, csipAus, null, null);
    }

    /** As above, plus the operator's DERCurves ({@code curves} null: every DERCurveList is empty). */
    SepRoutes(EndDeviceService endDevices, SepProgramService programs, SepResources resources,
              ControlResources controls, Clock clock, SepFunctionRoutes functions, CsipAusRoutes csipAus,
              org.openvtn.sep.service.DerCurveService curves, org.openvtn.sep.service.CurveResources curveResources) {
        this(endDevices, programs, resources, controls, clock, functions, csipAus, curves, curveResources, null, null,
                null);
    }

    /**
     * As above, plus the Pricing, Messaging and Flow Reservation function sets ({@code pricing} / {@code messaging} /
     * {@code flows} null: no TariffProfileListLink / MessagingProgramListLink / FlowReservation*ListLink and none of
     * their URLs).
     */
    SepRoutes(EndDeviceService endDevices, SepProgramService programs, SepResources resources,
              ControlResources controls, Clock clock, SepFunctionRoutes functions, CsipAusRoutes csipAus,
              org.openvtn.sep.service.DerCurveService curves, org.openvtn.sep.service.CurveResources curveResources,
              PricingRoutes pricing, MessagingRoutes messaging, FlowReservationRoutes flows) {
        this(endDevices, programs, resources, controls, clock, functions, csipAus, curves, curveResources, pricing,
                messaging, flows, null);
    }

    /** As above, plus the Billing function set ({@code billing} null: no CustomerAccountListLink and no billing URL). */
    SepRoutes(EndDeviceService endDevices, SepProgramService programs, SepResources resources,
              ControlResources controls, Clock clock, SepFunctionRoutes functions, CsipAusRoutes csipAus,
              org.openvtn.sep.service.DerCurveService curves, org.openvtn.sep.service.CurveResources curveResources,
              PricingRoutes pricing, MessagingRoutes messaging, FlowReservationRoutes flows, BillingRoutes billing) {
        this.billing = billing;
        this.flows = flows;
        this.pricing = pricing;
        this.messaging = messaging;
        this.curves = curves;
        this.curveResources = curveResources;
        this.clock = clock;
        this.endDevices = endDevices;
        this.programs = programs;
        this.resources = resources;
        this.controls = controls;
        List<Route> core = List.of(
                route("/dcap", GET, (c, m) -> SepReply.ok(functions.deviceCapability(c.caller(),
                        resources.deviceCapability(endDevices.visibleTo(c.caller()).size())))),
                route("/tm", GET, (c, m) -> SepReply.ok(resources.time(clock.instant()))),
                route("/edev", Set.of("GET", "HEAD", "POST"), this::edevList),
                // EndDevice: GET, HEAD, PUT (the client's fields); DELETE is the operator's (405, docs "EndDevice
                // lifecycle")
                route(E, Set.of("GET", "HEAD", "PUT"), (c, m) -> {
                    SepEndDevice d = device(c, m);
                    if ("PUT".equals(c.method())) {
                        lifecycle.update(d, c.body(EndDevice.class));
                        return SepReply.noContent();
                    }
                    return SepReply.ok(lifecycle(flowLinks(resources.endDevice(d, programsOf(d).size()), d), d));
                }),
                route(E + "/reg", GET, this::registration),
                route(E + "/fsa", GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    org.openvtn.schemas.sep.FunctionSetAssignmentsList l = resources.fsaList(d,
                            ListQuery.parse(c.query()).page(programsOf(d), null));
                    l.getFunctionSetAssignments().forEach(f -> pricingLinks(f, d));
                    return SepReply.ok(l);
                }),
                route(E + "/fsa/" + P, GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    return SepReply.ok(pricingLinks(resources.fsa(d, program(m)), d));
                }),
                route(E + "/fsa/" + P + "/derp", GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    Program p = program(m);
                    DERProgramList l = controls.derProgramList(d, p, ListQuery.parse(c.query()).page(List.of(p), null),
                            count(d, p, SepControl.Kind.DER_CONTROL), functions.hasDefault(p));
                    l.getDERProgram().forEach(x -> curveCount(x, p));
                    return SepReply.ok(l);
                }),
                route(E + "/derp/" + P, GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    Program p = program(m);
                    return SepReply.ok(curveCount(controls.derProgram(d, p, count(d, p, SepControl.Kind.DER_CONTROL),
                            functions.hasDefault(p)), p));
                }),
                route(E + "/derp/" + P + "/derc", GET, (c, m) -> derControls(c, m, false)),
                route(E + "/derp/" + P + "/actderc", GET, (c, m) -> derControls(c, m, true)),
                route(E + "/derp/" + P + "/dc", GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    Program p = program(m);
                    if (curves == null) {
                        return SepReply.ok(controls.derCurveList(d, p));
                    }
                    return SepReply.ok(curveResources.list(d, p, ListQuery.parse(c.query()).page(curves.list(p.id()),
                            null)));
                }),
                route(E + "/derp/" + P + "/dc/(\\d{1,6})", GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    Program p = program(m);
                    int n = Integer.parseInt(m.group(3));
                    if (curves == null) {
                        throw SepException.notFound("no DERCurves");
                    }
                    return SepReply.ok(curveResources.curve(d, curves.get(p.id(), n)
                            .orElseThrow(() -> SepException.notFound("no DERCurve " + n + " in " + p.id()))));
                }),
                route(E + "/derp/" + P + "/derc/" + MRID, GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    return SepReply.ok(controls.derControl(d, control(d, m, SepControl.Kind.DER_CONTROL)));
                }),
                route(E + "/fsa/" + P + "/drp", GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    Program p = program(m);
                    return SepReply.ok(controls.drProgramList(d, p, ListQuery.parse(c.query()).page(List.of(p), null),
                            count(d, p, SepControl.Kind.END_DEVICE_CONTROL)));
                }),
                route(E + "/drp/" + P, GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    Program p = program(m);
                    return SepReply.ok(controls.drProgram(d, p, count(d, p, SepControl.Kind.END_DEVICE_CONTROL)));
                }),
                route(E + "/drp/" + P + "/edc", GET, (c, m) -> endDeviceControls(c, m, false)),
                route(E + "/drp/" + P + "/actedc", GET, (c, m) -> endDeviceControls(c, m, true)),
                route(E + "/drp/" + P + "/edc/" + MRID, GET, (c, m) -> {
                    SepEndDevice d = device(c, m);
                    return SepReply.ok(controls.endDeviceControl(d, control(d, m, SepControl.Kind.END_DEVICE_CONTROL)));
                }));
        List<Route> all = new java.util.ArrayList<>(core);
        all.addAll(functions.routes(this));
        if (csipAus != null) {
            all.addAll(csipAus.routes(this));
        }
        if (pricing != null) {
            all.addAll(pricing.routes(this));
        }
        if (messaging != null) {
            all.addAll(messaging.routes(this));
        }
        if (flows != null) {
            all.addAll(flows.routes(this));
        }
        if (billing != null) {
            all.addAll(billing.routes(this));
        }
        this.routes = List.copyOf(all);
    }

    /**
     * @param path path in context
     * @param call the request
     * @return the reply
     * @throws SepException 404 unknown path, 405 method not allowed (with {@link MethodNotAllowed})
     */
    SepReply dispatch(String path, Call call) {
        offered(path, call);
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (m.matches()) {
                call.matched(r.template());
                if (!r.methods().contains(call.method())) {
                    throw new MethodNotAllowed(r.methods());
                }
                return r.action().run(call, m);
            }
        }
        throw SepException.notFound("no resource at " + path);
    }

    /** 405 carrying the Allow header value. */
    static final class MethodNotAllowed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String allow;

        MethodNotAllowed(Set<String> methods) {
            super("method not allowed");
            this.allow = String.join(", ", new java.util.TreeSet<>(methods));
        }
    }

    /** Programs offered to groups only (CSIP BASIC-002/003, {@link org.openvtn.sep.service.ProgramGroupService}). */
    void programGroups(org.openvtn.sep.service.ProgramGroupService groups) {
        this.programGroups = groups;
    }

    /** The programs the EndDevice is offered (every program unless the operator restricted some to groups). */
    private List<Program> programsOf(SepEndDevice d) {
        org.openvtn.sep.service.ProgramGroupService g = programGroups;
        return g == null ? programs.programs() : g.offered(d, programs.programs());
    }

    /** 404 for a program of another group, as for an unknown program. */
    private void offered(String path, Call call) {
        org.openvtn.sep.service.ProgramGroupService g = programGroups;
        Matcher m = g == null ? null : PROGRAM_PATH.matcher(path);
        if (m != null && m.matches() && g.restricted(m.group(2))
                && !g.offered(endDevices.ownById(call.caller(), Long.parseLong(m.group(1))),
                m.group(2))) {
            throw SepException.notFound("program " + m.group(2) + " is not offered to this EndDevice's groups");
        }
    }

    /** Off: only operator-provisioned EndDevices exist (CSIP-AUS S-OPT-01, {@link InBandRegistration}). */
    void inBandRegistration(boolean on) {
        this.inBandRegistration = on;
    }

    private SepReply edevList(Call c, Matcher m) {
        if ("POST".equals(c.method())) {
            EndDevice posted = c.body(EndDevice.class);
            InBandRegistration.check(inBandRegistration, endDevices, c.caller(), posted);
            EndDeviceService.Posted p = endDevices.post(c.caller(), posted);
            if (!p.created()) {
                // CSIP-AUS S-ALL-51: an LFDI is registered once. 409 Conflict (RFC 9110 §15.5.10) with an Error
                // (reasonCode 1, invalid request values) and the Location of the existing EndDevice, so a client
                // that lost its state finds its resource again (docs/ieee-2030.5.md "Duplicates").
                org.openvtn.schemas.sep.Error e = new org.openvtn.schemas.sep.Error();
                e.setReasonCode(SepException.INVALID_VALUES);
                return new SepReply(409, e, SepPaths.edev(p.device().id()));
            }
            return SepReply.created(SepPaths.edev(p.device().id()));
        }
        ListQuery q = ListQuery.parse(c.query());
        ListQuery.Page<SepEndDevice> page = q.page(endDevices.visibleTo(c.caller()), null);
        org.openvtn.schemas.sep.EndDeviceList l = resources.endDeviceList(page, programs.programs().size());
        for (int i = 0; i < page.items().size(); i++) {
            lifecycle(flowLinks(l.getEndDevice().get(i), page.items().get(i)), page.items().get(i));
            l.getEndDevice().get(i).getFunctionSetAssignmentsListLink().setAll((long) programsOf(page.items().get(i))
                    .size());
        }
        return SepReply.ok(l);
    }

    private SepReply registration(Call c, Matcher m) {
        SepEndDevice d = device(c, m);
        if (!d.registered()) {
            throw SepException.notFound("EndDevice " + d.id() + " has no registration");
        }
        return SepReply.ok(resources.registration(d));
    }

    /** Shares the encoded DERControlList / EndDeviceControlList pages between requests and devices (issue #18). */
    SepRoutes listBodies(ListBodies bodies) {
        this.listBodies = bodies;
        return this;
    }

    private SepReply derControls(Call c, Matcher m, boolean active) {
        SepEndDevice d = device(c, m);
        Program p = program(m);
        List<SepControl> all = programs.controls(d, p.id(), SepControl.Kind.DER_CONTROL, active);
        String href = active ? SepPaths.actDercList(d.id(), p.id()) : SepPaths.dercList(d.id(), p.id());
        ListQuery.Page<SepControl> page = ListQuery.parse(c.query()).page(all, x -> x.start().getEpochSecond());
        return listReply(new ListBodies.Key(SepControl.Kind.DER_CONTROL, p.id(), active, page), d,
                () -> controls.derControlList(href, d, page));
    }

    private SepReply endDeviceControls(Call c, Matcher m, boolean active) {
        SepEndDevice d = device(c, m);
        Program p = program(m);
        List<SepControl> all = programs.controls(d, p.id(), SepControl.Kind.END_DEVICE_CONTROL, active);
        String href = active ? SepPaths.actEdcList(d.id(), p.id()) : SepPaths.edcList(d.id(), p.id());
        ListQuery.Page<SepControl> page = ListQuery.parse(c.query()).page(all, x -> x.start().getEpochSecond());
        return listReply(new ListBodies.Key(SepControl.Kind.END_DEVICE_CONTROL, p.id(), active, page), d,
                () -> controls.endDeviceControlList(href, d, page));
    }

    private SepReply listReply(ListBodies.Key key, SepEndDevice d,
                               java.util.function.Supplier<org.openvtn.schemas.sep.Resource> build) {
        return SepReply.ok(listBodies == null ? build.get() : listBodies.body(key, d.id(), build));
    }

    /** Sets the EndDevice lifecycle service (enabled, client PUT); without one EndDevices are served as stored. */
    void lifecycle(org.openvtn.sep.service.EndDeviceLifecycle l) {
        this.lifecycle = l;
    }

    private EndDevice lifecycle(EndDevice e, SepEndDevice d) {
        return lifecycle == null ? e : lifecycle.decorate(e, d);
    }

    /** The EndDevice's FlowReservationRequestListLink and FlowReservationResponseListLink (Flow Reservation). */
    private EndDevice flowLinks(EndDevice e, SepEndDevice d) {
        return flows == null ? e : flows.links(e, d);
    }

    /**
     * The FunctionSetAssignments' TariffProfileListLink (Pricing), MessagingProgramListLink (Messaging) and
     * CustomerAccountListLink (Billing).
     */
    private org.openvtn.schemas.sep.FunctionSetAssignments pricingLinks(org.openvtn.schemas.sep.FunctionSetAssignments f,
                                                                       SepEndDevice d) {
        String href = f.getHref();
        Program p = programs.program(href.substring(href.lastIndexOf('/') + 1));
        if (messaging != null) {
            messaging.links(f, d, p);
        }
        if (billing != null) {
            billing.links(f, d, p);
        }
        return pricing == null ? f : pricing.links(f, d, p);
    }

    /** The DERProgram's DERCurveListLink counts the program's curves. */
    private DERProgram curveCount(DERProgram r, Program p) {
        if (r.getDERCurveListLink() != null && curves != null) {
            r.getDERCurveListLink().setAll((long) curves.list(p.id()).size());
        }
        return r;
    }

    private org.openvtn.sep.service.EndDeviceLifecycle lifecycle;

    SepEndDevice device(Call c, Matcher m) {
        SepEndDevice d = endDevices.ownById(c.caller(), Long.parseLong(m.group(1)));
        // a disabled EndDevice is no longer registered: below it nothing answers, also to an aggregator acting for
        // it (its own certificate is refused earlier, SepHandler); the EndDevice itself stays readable
        if (lifecycle != null && !m.group().equals(SepPaths.edev(d.id())) && !lifecycle.enabled(d)) {
            throw SepException.forbidden("EndDevice " + d.id() + " disabled");
        }
        return d;
    }

    /**
     * An EndDevice a request acts for by naming it outside {@code /edev/{e}} (a MirrorUsagePoint's deviceLFDI, a
     * Response's endDeviceLFDI, {@code /mup/{n}} of its mirror): a disabled one is no longer registered, so an
     * aggregator acting for it gets 403 as below its EndDevice (docs/ieee-2030.5.md "EndDevice lifecycle").
     *
     * @param what what was asked, for the operator's log line (e.g. {@code POST /mup})
     * @return {@code d} when enabled
     * @throws SepException 403 when the operator disabled {@code d}
     */
    SepEndDevice enabled(Call c, SepEndDevice d, String what) {
        if (lifecycle != null && !lifecycle.enabled(d)) {
            LOG.warn("2030.5 {} from LFDI {} for EndDevice {} (LFDI {}) refused (403): the operator disabled that"
                    + " EndDevice", what, c.caller().lfdi(), d.id(), d.lfdi());
            throw SepException.forbidden("EndDevice " + d.id() + " disabled");
        }
        return d;
    }

    Program program(Matcher m) {
        return programs.program(m.group(2));
    }

    private long count(SepEndDevice d, Program p, SepControl.Kind kind) {
        return programs.controls(d, p.id(), kind, false).size();
    }

    private SepControl control(SepEndDevice d, Matcher m, SepControl.Kind kind) {
        Optional<SepControl> c = programs.control(d, m.group(2), kind, m.group(3));
        return c.orElseThrow(() -> SepException.notFound("no control " + m.group(3)));
    }

    static Route route(String regex, Set<String> methods, Action action) {
        return new Route(Pattern.compile(regex), methods, action, GROUP.matcher(regex).replaceAll("{}"));
    }
}
