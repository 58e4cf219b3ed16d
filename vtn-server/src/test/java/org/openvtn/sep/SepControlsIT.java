package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERProgram;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DemandResponseProgramList;
import org.openvtn.schemas.sep.EndDeviceControlList;
import org.openvtn.schemas.sep.FunctionSetAssignments;

/**
 * Core events as 2030.5 DER and DRLC events over real TLS: mapping, currentStatus from the
 * injected clock (never Scheduled after start), list paging {@code s}/{@code l}/{@code a} with
 * {@code all}/{@code results} (IEEE 2030.5-2018 §10.3, §10.10, list rules; CSIP CORE-004,
 * CORE-012/013, CSIP-AUS S-ALL-05 isolation).
 */
class SepControlsIT {
    private SepFixture fx;
    private SepFixture.Client device;
    private Credential cred;
    private String edev;
    private Program program;

    @BeforeEach
    void start() throws Exception {
        fx = new SepFixture();
        cred = SepFixture.PKI.device();
        device = fx.client(cred);
        edev = SepServerIT.register(device, cred);
        program = fx.core.programs().create("der", "http://example.com/der");
    }

    @AfterEach
    void stop() throws Exception {
        device.close();
        fx.close();
    }

    private String lfdi() {
        return SepIdentity.lfdi(cred.certificate());
    }

    private Event event(Targets targets, Duration in, String name, String type, String units, double... values) {
        List<Map.Entry<Duration, Double>> ivs = new java.util.ArrayList<>();
        for (double v : values) {
            ivs.add(Map.entry(Duration.ofMinutes(30), v));
        }
        return fx.core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plus(in))
                .targets(targets).responseRequired(ResponseRequired.NEVER).signal(name, type, units, ivs).build());
    }

    private DERControlList dercs(String query) throws Exception {
        return device.get(edev + "/derp/" + program.id() + "/derc" + query).resource(DERControlList.class);
    }

    /** LOAD_DISPATCH setpoint -> DERControl opModTargetW, one per interval; Scheduled -> Active -> gone. */
    @Test
    void derControlsFollowTheClock() throws Exception {
        Event e = event(Targets.vens(lfdi()), Duration.ofHours(1), "LOAD_DISPATCH", "setpoint", "kW", 5.0, 2.5);

        FunctionSetAssignments fsa = device.get(edev + "/fsa/" + program.id()).resource(FunctionSetAssignments.class);
        DERProgramList derpl = device.get(fsa.getDERProgramListLink().getHref()).resource(DERProgramList.class);
        assertEquals(1, derpl.getAll());
        DERProgram derp = derpl.getDERProgram().get(0);
        assertEquals(2, derp.getDERControlListLink().getAll());
        assertEquals(derp.getHref(), edev + "/derp/" + program.id());
        org.junit.jupiter.api.Assertions.assertNull(derp.getDefaultDERControlLink(), "no DefaultDERControl set yet");
        assertEquals(404, device.get(derp.getHref() + "/dderc").status());
        // DERCurve (§10.10): the core defines no curves; the linked list answers, empty
        assertEquals(0, derp.getDERCurveListLink().getAll());
        org.openvtn.schemas.sep.DERCurveList curves = device.get(derp.getDERCurveListLink().getHref())
                .resource(org.openvtn.schemas.sep.DERCurveList.class);
        assertEquals(0, curves.getAll());
        assertEquals(0, curves.getResults());

        DERControlList first = dercs("");
        assertEquals(2, first.getAll());
        assertEquals(1, first.getResults(), "default l = 1");
        DERControlList all = dercs("?l=10");
        assertEquals(2, all.getResults());
        DERControl c0 = all.getDERControl().get(0);
        DERControl c1 = all.getDERControl().get(1);
        assertEquals(SepFixture.T0.plusSeconds(3600).getEpochSecond(), c0.getInterval().getStart().getValue());
        assertEquals(1800, c0.getInterval().getDuration());
        assertEquals(5000, c0.getDERControlBase().getOpModTargetW().getValue());
        assertEquals(2500, c1.getDERControlBase().getOpModTargetW().getValue());
        String mrid = java.util.HexFormat.of().withUpperCase().formatHex(c0.getMRID().getValue());
        assertTrue(mrid.endsWith(String.format("%08X", org.openvtn.sep.service.SepMrids.PLACEHOLDER_PEN)),
                "sep.xsd mRIDType: the PEN in the low 32 bits, " + mrid);
        assertTrue(c0.getHref().endsWith("/" + mrid), "the control's href ends with its mRID");
        assertEquals(0, c0.getEventStatus().getCurrentStatus(), "Scheduled before start");
        assertEquals(0L, c0.getVersion().getValue());
        assertEquals(c0.getHref(), device.get(c0.getHref()).resource(DERControl.class).getHref());

        fx.clock.set(SepFixture.T0.plusSeconds(3600));
        all = dercs("?l=10");
        assertEquals(1, all.getDERControl().get(0).getEventStatus().getCurrentStatus(), "Active at start, never Scheduled");
        assertEquals(0, all.getDERControl().get(1).getEventStatus().getCurrentStatus());
        DERControlList active = device.get(edev + "/derp/" + program.id() + "/actderc?l=10")
                .resource(DERControlList.class);
        assertEquals(1, active.getAll());

        fx.clock.set(SepFixture.T0.plusSeconds(5400));
        all = dercs("?l=10");
        assertEquals(1, all.getAll(), "the ended interval is no longer listed");
        assertEquals(1, all.getDERControl().get(0).getEventStatus().getCurrentStatus());

        fx.core.events().cancel(e.id());
        DERControl cancelled = dercs("").getDERControl().get(0);
        assertEquals(2, cancelled.getEventStatus().getCurrentStatus());
        assertEquals(1L, cancelled.getVersion().getValue());
        assertEquals(404, device.get(c0.getHref()).status());
    }

    /**
     * RandomizableEvent over CCM_8 (IEEE 2030.5 randomizeStart/randomizeDuration, OneHourRangeType -3600..3600 s; CSIP
     * CORE-021): both are published on DERControl and EndDeviceControl (list and item), the signed randomizeDuration as
     * given; an OpenADR startafter of two hours (the events are spaced beyond it: the program rejects overlaps) reaches the device as randomizeStart 3600; none -> both absent.
     */
    @Test
    void randomizationPublished() throws Exception {
        fx.core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(3600))
                .targets(Targets.vens(lfdi())).responseRequired(ResponseRequired.NEVER)
                .randomizeStart(Duration.ofHours(2)).randomizeDuration(Duration.ofSeconds(-600))
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 3.0))).build());
        fx.core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(14400))
                .targets(Targets.vens(lfdi())).responseRequired(ResponseRequired.NEVER)
                .randomizeStart(Duration.ofSeconds(90)).randomizeDuration(Duration.ofSeconds(300))
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0))).build());
        fx.core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(18000))
                .targets(Targets.vens(lfdi())).responseRequired(ResponseRequired.NEVER)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 1.0))).build());

        DERControlList dl = dercs("?l=10");
        assertEquals(2, dl.getAll());
        DERControl randomized = dl.getDERControl().get(0);
        assertEquals(-600, randomized.getRandomizeDuration().getValue());
        assertEquals(3600, randomized.getRandomizeStart().getValue(), "startafter PT2H capped at the 2030.5 maximum");
        DERControl item = device.get(randomized.getHref()).resource(DERControl.class);
        assertEquals(-600, item.getRandomizeDuration().getValue());
        assertNull(dl.getDERControl().get(1).getRandomizeDuration(), "no randomization: element absent (default 0)");
        assertNull(dl.getDERControl().get(1).getRandomizeStart());

        EndDeviceControlList el = device.get(edev + "/drp/" + program.id() + "/edc?l=10")
                .resource(EndDeviceControlList.class);
        assertEquals(1, el.getAll());
        assertEquals(300, el.getEndDeviceControl().get(0).getRandomizeDuration().getValue());
        assertEquals(90, el.getEndDeviceControl().get(0).getRandomizeStart().getValue());
    }

    /** CSIP CORE-004: s/l paging and the time-keyed a filter; all counts the filtered list. */
    @Test
    void paging() throws Exception {
        event(Targets.vens(lfdi()), Duration.ofHours(1), "LOAD_DISPATCH", "multiplier", null, 0.5, 0.6, 0.7, 0.8);
        DERControlList p = dercs("?s=1&l=2&unknown=1");
        assertEquals(4, p.getAll());
        assertEquals(2, p.getResults());
        assertEquals(6000, p.getDERControl().get(0).getDERControlBase().getOpModMaxLimW().getValue());
        assertEquals(7000, p.getDERControl().get(1).getDERControlBase().getOpModMaxLimW().getValue());
        DERControlList beyond = dercs("?s=10&l=2");
        assertEquals(4, beyond.getAll());
        assertEquals(0, beyond.getResults());
        long a = SepFixture.T0.plusSeconds(3600 + 2 * 1800).getEpochSecond();
        DERControlList after = dercs("?a=" + a + "&l=10");
        assertEquals(2, after.getAll());
        assertEquals(a, after.getDERControl().get(0).getInterval().getStart().getValue());
        assertEquals(400, device.get(edev + "/derp/" + program.id() + "/derc?l=-1").status());
    }

    /** SIMPLE level -> EndDeviceControl DutyCycle; group targets via FSA membership; others' events invisible (S-ALL-05). */
    @Test
    void endDeviceControlsByGroup() throws Exception {
        event(Targets.vens("someone-else"), Duration.ofMinutes(10), "SIMPLE", "level", null, 3.0);
        event(new Targets(false, Set.of(), Set.of("feeder-7"), Set.of(), Set.of()), Duration.ofMinutes(10),
                "SIMPLE", "level", null, 2.0);
        String edcs = edev + "/drp/" + program.id() + "/edc?l=10";
        assertEquals(0, device.get(edcs).resource(EndDeviceControlList.class).getAll());

        fx.server.endDevices().assignGroups(lfdi(), Set.of("feeder-7"));
        EndDeviceControlList l = device.get(edcs).resource(EndDeviceControlList.class);
        assertEquals(1, l.getAll());
        assertEquals(50, l.getEndDeviceControl().get(0).getDutyCycle().getNormalValue());
        assertNull(l.getEndDeviceControl().get(0).getOffset());
        DemandResponseProgramList drpl = device.get(edev + "/fsa/" + program.id() + "/drp")
                .resource(DemandResponseProgramList.class);
        assertEquals(1, drpl.getDemandResponseProgram().get(0).getEndDeviceControlListLink().getAll());
        assertEquals(0, device.get(edev + "/derp/" + program.id() + "/derc").resource(DERControlList.class).getAll());
        assertEquals(404, device.get(edev + "/derp/no-such-program").status());
        assertNotNull(device.get(edev + "/drp/" + program.id()).body());
        assertTrue(device.get("/edev/999/drp/" + program.id() + "/edc").status() == 404);
    }
}
