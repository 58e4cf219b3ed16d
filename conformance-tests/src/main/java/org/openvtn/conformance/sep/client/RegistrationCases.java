package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Set;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/** Discovery, registration, PIN, time and polling rows of {@code sep-client} (the device's walk, §6.1 - §8.3). */
final class RegistrationCases {
    private RegistrationCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("CORE-009", "ALL-02", "COMM-003"), "in-band registration: the device POSTs its"
                        + " EndDevice (LFDI of its certificate) and walks DeviceCapability -> Time -> EndDevice -> FSA ->"
                        + " DERProgramList -> DERControlList by links, paging every list",
                        "IEEE 2030.5-2018 §6.1.2, §8.2, §5.5.3; CSIP CORE-009; CSIP-AUS ALL-02", RegistrationCases::inBand),
                DeviceCase.of(List.of("ALL-01"), "out-of-band registration: an EndDevice already listed is used, no POST",
                        "IEEE 2030.5-2018 §8.2; CSIP-AUS ALL-01", RegistrationCases::outOfBand),
                DeviceCase.of(List.of("ALL-03-REJ", "ALL-04"), "a Registration carrying another PIN: the device acts on"
                        + " nothing the server publishes", "IEEE 2030.5-2018 §8.3; CSIP-AUS ALL-03-REJ", Set.of("pin"),
                        RegistrationCases::wrongPin),
                DeviceCase.of(List.of("ALL-05"), "an EndDevice without RegistrationLink: the device acts on nothing",
                        "CSIP-AUS ALL-05", Set.of("pin"), RegistrationCases::noRegistrationLink),
                DeviceCase.of(List.of("CORE-005"), "the device follows the server's Time: an event active by server"
                        + " time (server 10 minutes ahead) is applied", "IEEE 2030.5-2018 §6.3.2; CSIP CORE-005",
                        RegistrationCases::time),
                DeviceCase.of(List.of("CORE-003"), "without subscriptions the device polls the DERControlList again"
                        + " by itself within its pollRate", "IEEE 2030.5-2018 §5.5.4 pollRate; CSIP CORE-003",
                        RegistrationCases::polling),
                DeviceCase.of(List.of("CORE-004"), "list paging: a DERControlList of three controls served one per"
                        + " page, the active one on the last page: the device asks for every page and applies it",
                        "IEEE 2030.5-2018 §5.5.3 list queries (s, l) and all/results; CSIP CORE-004",
                        RegistrationCases::paging), // after the start-up rows: the device has walked
                DeviceCase.of(List.of("BASIC-027"), "an alarm is POSTed as a LogEvent to the EndDevice's"
                        + " LogEventListLink", "IEEE 2030.5-2018 §10.9 LogEvent; CSIP BASIC-027",
                        RegistrationCases::logEvent));
    }

    static void logEvent(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        if (h.lfdi() == null) {
            throw new UnsupportedOperationException("precondition: the device has not registered yet (run CORE-009)");
        }
        s.refresh(null);
        int from = h.count();
        int code = 1 + (int) (h.now() % 200);
        boolean known = s.driver().logEvent(code);
        var posted = h.await(from, r -> r.method().equals("POST") && r.path().equals(Scenario.LEL)
                && (!known || r.text("logEventCode").map(c -> c.equals(Integer.toString(code))).orElse(false)),
                s.patience());
        s.ctx().check(posted.isPresent(), () -> RuleViolation.must("sep.client.logEvent", Scenario.LEL,
                "no LogEvent" + (known ? " with logEventCode " + code : "") + " POSTed to the EndDevice's"
                        + " LogEventListLink " + Scenario.LEL + "; requests: " + s.fetched(from)));
        posted.ifPresent(r -> s.ctx().check(r.text("createdDateTime").map(t -> Math.abs(Long.parseLong(t) - h.now())
                <= 60).orElse(false), () -> RuleViolation.must("sep.client.logEvent", "/LogEvent/createdDateTime",
                "createdDateTime " + r.text("createdDateTime").orElse("absent") + " is not the server's time now (±60 s)")));
    }

    static void inBand(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            sc.registered = false;
            sc.lfdi = null;
            p[0] = sc.program("pa", 1);
            p[0].control(DeviceSteps.id(), "opModMaxLimW", 5000, h.now() + 3600, 600, h.now());
            p[0].control(DeviceSteps.id(), "opModMaxLimW", 4000, h.now() + 7200, 600, h.now());
        });
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        var post = h.await(from, r -> r.method().equals("POST") && r.path().equals(Scenario.EDEV), s.patience());
        s.ctx().check(post.isPresent(), () -> RuleViolation.must("sep.client.registration", Scenario.EDEV,
                "no EndDevice POSTed to the EndDeviceList (in-band registration); requests: " + s.fetched(from)));
        String expected = s.ctx().target().property("lfdi", null);
        post.ifPresent(r -> s.ctx().check(expected == null || r.text("lFDI").orElse("").equalsIgnoreCase(expected),
                () -> RuleViolation.must("sep.client.lfdi", "/EndDevice/lFDI", "lFDI " + r.text("lFDI").orElse("")
                        + ", the target file says " + expected)));
        String ctl = p[0].href() + "/ctl";
        for (String path : List.of(h.dcapPath(), Scenario.TIME, Scenario.EDEV_ITEM, Scenario.FSA_LIST,
                Scenario.DERP_LIST, ctl)) {
            boolean got = h.await(from, r -> r.method().equals("GET") && r.path().equals(path), s.patience()).isPresent();
            s.ctx().check(got, () -> RuleViolation.must("sep.client.walk", path, "the device never fetched " + path
                    + "; requests: " + s.fetched(from)));
        }
        boolean paged = h.await(from, r -> r.method().equals("GET") && r.path().equals(ctl)
                && "1".equals(r.query().get("s")), s.patience()).isPresent();
        s.ctx().check(paged, () -> RuleViolation.must("sep.client.paging", ctl, "the DERControlList holds 2 controls"
                + " served one per page; the device never asked for s=1 (IEEE 2030.5-2018 §5.5.3)"));
    }

    /**
     * CSIP CORE-004: two ended controls start earlier, so the active one sorts last (§5.5.3 DERControlList order:
     * interval.start ascending); with one item per page it is on the page {@code s=2}.
     */
    static void paging(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        long now = h.now();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            p[0] = sc.program("pg" + DeviceSteps.id(), 1);
            p[0].control(DeviceSteps.id(), "opModMaxLimW", 9000, now - 7200, 600, now - 7300);
            p[0].control(DeviceSteps.id(), "opModMaxLimW", 8000, now - 3600, 600, now - 3700);
        });
        Scenario.Control c = s.active(p[0], "opModMaxLimW", 3300);
        int from = h.count();
        String ctl = p[0].href() + "/ctl";
        s.refresh(ctl);
        for (String page : List.of("1", "2")) {
            boolean got = h.await(from, r -> r.method().equals("GET") && r.path().equals(ctl)
                    && page.equals(r.query().get("s")), s.patience()).isPresent();
            s.ctx().check(got, () -> RuleViolation.must("sep.client.paging", ctl, "the DERControlList holds 3"
                    + " controls served one per page; the device never asked for s=" + page + " (IEEE 2030.5-2018"
                    + " §5.5.3); requests: " + s.fetched(from)));
        }
        s.expectEffective("opModMaxLimW", 3300L, c.href(), "the active control on the DERControlList's last page");
    }

    static void outOfBand(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        if (h.lfdi() == null) {
            throw new UnsupportedOperationException("precondition: the device has not registered yet (run CORE-009)");
        }
        int from = h.count();
        s.refresh(null);
        boolean got = h.await(from, r -> r.method().equals("GET") && r.path().equals(Scenario.EDEV_ITEM), s.patience())
                .isPresent();
        s.ctx().check(got, () -> RuleViolation.must("sep.client.walk", Scenario.EDEV_ITEM,
                "the device did not read its listed EndDevice; requests: " + s.fetched(from)));
        s.ctx().check(h.requests(from).stream().noneMatch(r -> r.method().equals("POST") && r.path().equals(Scenario.EDEV)),
                () -> RuleViolation.must("sep.client.registration", Scenario.EDEV,
                        "the device POSTed an EndDevice although its own is listed"));
    }

    static void wrongPin(DeviceSteps s) throws Exception {
        notActing(s, sc -> sc.servedPin = Scenario.otherPin(s.pin()), "the Registration carries another PIN");
    }

    static void noRegistrationLink(DeviceSteps s) throws Exception {
        notActing(s, sc -> sc.registrationLink = false, "the EndDevice has no RegistrationLink");
    }

    private static void notActing(DeviceSteps s, java.util.function.Consumer<Scenario> change, String why)
            throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            change.accept(sc);
            p[0] = sc.program("pr", 1);
        });
        // a walk already past the EndDevice when the change landed read the old registration: publish the control
        // only after the device fetched the changed EndDevice, so only a walk that saw the change can act on it
        int changed = h.count();
        if (h.await(changed, r -> r.method().equals("GET") && r.path().equals(Scenario.EDEV_ITEM), s.patience())
                .isEmpty()) {
            s.ctx().note("the device did not read its EndDevice within " + s.patience().toSeconds() + " s of the"
                    + " change; the control is published anyway");
        }
        Scenario.Control c = s.active(p[0], "opModMaxLimW", 1234);
        int from = h.count();
        s.refresh(null);
        s.noResponse(from, c, 1, why);
        s.noResponse(from, c, 2, why);
        s.expectEffective("opModMaxLimW", null, c.href(), "the control of a server whose registration fails");
    }

    static void time(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            sc.timeOffset = 600;
            p[0] = sc.program("pt", 1);
        });
        Scenario.Control c = s.active(p[0], "opModMaxLimW", 4321);
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        boolean read = h.await(from, r -> r.method().equals("GET") && r.path().equals(Scenario.TIME), s.patience())
                .isPresent();
        s.ctx().check(read, () -> RuleViolation.must("sep.client.time", Scenario.TIME, "the device never read Time"));
        s.awaitResponse(from, c, 2);
        s.expectEffective("opModMaxLimW", 4321L, c.href(), "an event active by server time");
        h.edit(sc -> sc.timeOffset = 0);
        s.refresh(null);
    }

    static void polling(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> p[0] = sc.program("pp", 1));
        String ctl = p[0].href() + "/ctl";
        int from = h.count();
        java.time.Duration within = java.time.Duration.ofSeconds(2 * h.pollRate()).plus(s.ctx().patience());
        var first = h.await(from, r -> r.method().equals("GET") && r.path().equals(ctl), within);
        var second = first.isEmpty() ? first : h.await(first.get().seq() + 1,
                r -> r.method().equals("GET") && r.path().equals(ctl) && !r.query().containsKey("s")
                        || r.method().equals("GET") && r.path().equals(ctl) && "0".equals(r.query().get("s")), within);
        s.ctx().check(second.isPresent(), () -> RuleViolation.must("sep.client.polling", ctl, "pollRate "
                + h.pollRate() + " s: the device did not read the DERControlList twice within " + within.toSeconds()
                + " s each; requests: " + s.fetched(from)));
    }
}
