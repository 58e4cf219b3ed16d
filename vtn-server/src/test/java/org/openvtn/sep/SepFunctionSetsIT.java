package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.EventResponse;
import org.openvtn.core.EventSpec;
import org.openvtn.core.OptType;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.DERAvailability;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERControlResponse;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERSettings;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.LogEvent;
import org.openvtn.schemas.sep.LogEventList;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.MirrorUsagePointList;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.MeterReading;
import org.openvtn.schemas.sep.MeterReadingList;
import org.openvtn.schemas.sep.ReadingType;
import org.openvtn.schemas.sep.UsagePoint;
import org.openvtn.schemas.sep.UsagePointList;
import org.openvtn.schemas.sep.PENType;
import org.openvtn.schemas.sep.Response;
import org.openvtn.schemas.sep.ResponseList;
import org.openvtn.schemas.sep.ResponseSetList;
import org.openvtn.schemas.sep.TimeType;

/**
 * Response, Metering Mirror, device-side DER and LogEvent function sets over real mutual TLS
 * (IEEE 2030.5-2018 Response function set and Table 27, Metering Mirror, §10.10 DER, Log Event;
 * CSIP DER responses; §5.5 status codes).
 */
class SepFunctionSetsIT {
    private static final Path VECTORS = Path.of("..", "..", "shared", "vectors", "ieee-2030.5", "valid");

    private SepFixture fx;
    private Credential cred;
    private SepFixture.Client device;
    private SepFixture.Client other;
    private String edev;
    private Program program;

    @BeforeEach
    void start() throws Exception {
        fx = new SepFixture();
        cred = SepFixture.PKI.device();
        device = fx.client(cred);
        other = fx.client(SepFixture.PKI.deviceViaMca());
        edev = SepServerIT.register(device, cred);
        SepServerIT.register(other, SepFixture.PKI.deviceViaMca());
        program = fx.core.programs().create("fs", "http://example.com/fs");
    }

    @AfterEach
    void stop() throws Exception {
        device.close();
        other.close();
        fx.close();
    }

    private String lfdi() {
        return SepIdentity.lfdi(cred.certificate());
    }

    private static byte[] vector(String name) throws Exception {
        Path p = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/vectors/ieee-2030.5/valid")
                .resolve(name);
        return Files.readAllBytes(Files.exists(p) ? p : VECTORS.resolve(name));
    }

    private DERControlResponse response(byte[] subject, short status, String lfdiHex) {
        DERControlResponse r = new DERControlResponse();
        TimeType t = new TimeType();
        t.setValue(SepFixture.T0.getEpochSecond());
        r.setCreatedDateTime(t);
        r.setEndDeviceLFDI(HexFormat.of().parseHex(lfdiHex));
        r.setStatus(status);
        MRIDType m = new MRIDType();
        m.setValue(subject);
        r.setSubject(m);
        return r;
    }

    /** CSIP DER responses: POST to replyTo; they land in the core's event responses (opt-in / opt-out). */
    @Test
    void responsesReachTheCore() throws Exception {
        Event e = fx.core.events().create(EventSpec.builder().programId(program.id())
                .start(SepFixture.T0.plusSeconds(600)).targets(Targets.vens(lfdi())).responseRequired(ResponseRequired.ALWAYS)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 3.0))).build());
        DERControl c = device.get(edev + "/derp/" + program.id() + "/derc").resource(DERControlList.class)
                .getDERControl().get(0);
        assertEquals("/rsps/" + program.id() + "/rsp", c.getReplyTo());
        assertEquals(3, c.getResponseRequired()[0]);
        assertEquals(1, device.get("/rsps").resource(ResponseSetList.class).getAll());
        assertEquals("/rsps", device.get("/dcap").resource(DeviceCapability.class).getResponseSetListLink().getHref());

        SepFixture.Reply r1 = device.post(c.getReplyTo(), response(c.getMRID().getValue(), (short) 1, lfdi()));
        assertEquals(201, r1.status(), r1.text());
        Response back = device.get(r1.header("Location")).resource(Response.class);
        assertEquals((short) 1, back.getStatus().shortValue());
        assertEquals(201, device.post(c.getReplyTo(), response(c.getMRID().getValue(), (short) 4, lfdi())).status());

        // issue #12 item 7: the core keeps one answer per (device, event, modificationNumber), the latest; the
        // ResponseList keeps both
        List<EventResponse> core = fx.core.events().responses(e.id());
        assertEquals(1, core.size());
        assertEquals(lfdi(), core.get(0).participantId());
        assertEquals(OptType.OPT_OUT, core.get(0).optType());
        assertTrue(core.get(0).description().contains("status 4"));
        assertEquals(2, device.get(c.getReplyTo() + "?l=10").resource(ResponseList.class).getAll());

        String foreign = SepIdentity.lfdi(SepFixture.PKI.deviceViaMca().certificate());
        assertEquals(403, device.post(c.getReplyTo(), response(c.getMRID().getValue(), (short) 2, foreign)).status());
        SepFixture.Reply unknown = device.post(c.getReplyTo(), response(new byte[16], (short) 2, lfdi()));
        assertEquals(400, unknown.status(), "S-ALL-57: a subject the server never issued");
        assertEquals(1, unknown.resource(org.openvtn.schemas.sep.Error.class).getReasonCode());
        SepFixture.Reply notIssued = other.post(c.getReplyTo(), response(c.getMRID().getValue(), (short) 1,
                SepIdentity.lfdi(SepFixture.PKI.deviceViaMca().certificate())));
        assertEquals(400, notIssued.status(), "a control of another device is not the responder's subject");
        Program second = fx.core.programs().create("fs2", "http://example.com/fs2");
        assertEquals(400, device.post("/rsps/" + second.id() + "/rsp", response(c.getMRID().getValue(), (short) 1,
                lfdi())).status(), "the subject belongs to another program's ResponseSet");
        assertEquals(1, fx.core.events().responses(e.id()).size());
        assertEquals(2, device.get(c.getReplyTo() + "?l=10").resource(ResponseList.class).getAll(), "nothing stored");
        assertEquals(0, other.get(c.getReplyTo()).resource(ResponseList.class).getAll(), "S-ALL-05: own responses only");
    }

    /** Metering Mirror: the Table C.15 vectors, readings stored as core telemetry; re-POST finds the same mirror. */
    @Test
    void mirrorMetering() throws Exception {
        MirrorUsagePoint mup = SepFixture.CODEC.decode(vector("envoy_meter_mirroring_mirrorusagepoint.xml"),
                MirrorUsagePoint.class);
        mup.setDeviceLFDI(HexFormat.of().parseHex(lfdi()));
        SepFixture.Reply r = device.post("/mup", mup);
        assertEquals(201, r.status(), r.text());
        String href = r.header("Location");
        assertEquals(href, device.post("/mup", mup).header("Location"), "same mRID -> same MirrorUsagePoint");
        assertEquals(403, other.post("/mup", mup).status(), "deviceLFDI of another certificate");
        assertEquals(404, other.get(href).status());

        SepFixture.Reply mr = device.post(href, vector("envoy_meter_mirroring_mirrormeterreading.xml"));
        assertEquals(201, mr.status(), mr.text());
        assertNotNull(device.get(mr.header("Location")).resource(MirrorMeterReading.class).getMRID());
        MirrorUsagePointList list = device.get("/mup?l=10").resource(MirrorUsagePointList.class);
        assertEquals(1, list.getAll());
        assertEquals(href, list.getMirrorUsagePoint().get(0).getHref());

        List<TelemetryPoint> t = fx.core.reports().telemetry(new TelemetryQuery(lfdi(), null, null, 100));
        // issue #12 item 7: the re-POST carried the same reading (same rID and time): stored once
        assertEquals(2, t.size(), "each reading is recorded once");
        TelemetryPoint gas = t.stream().filter(p -> p.rId().equals("0700006CC8")).findFirst().orElseThrow();
        assertEquals(125_000.0, gas.value(), 1e-9, "value x 10^powerOfTenMultiplier");
        TelemetryPoint set = t.stream().filter(p -> p.rId().equals("0800006CC8")).findFirst().orElseThrow();
        assertEquals(1341579365L, set.timestamp().getEpochSecond());
        assertEquals("sep:" + href, set.reportRequestId());
    }

    /**
     * Metering read-back (IEEE 2030.5-2018 Metering function set; issue 6 "UsagePoint read-back"): a mirrored usage
     * point is readable under /upt with its MeterReadings and ReadingTypes; DeviceCapability links it; other
     * devices see nothing of it; HEAD answers like GET without a body.
     */
    @Test
    void usagePointReadBack() throws Exception {
        MirrorUsagePoint mup = SepFixture.CODEC.decode(vector("envoy_meter_mirroring_mirrorusagepoint.xml"),
                MirrorUsagePoint.class);
        mup.setDeviceLFDI(HexFormat.of().parseHex(lfdi()));
        String href = device.post("/mup", mup).header("Location");
        MirrorMeterReading posted = SepFixture.CODEC.decode(vector("envoy_meter_mirroring_mirrormeterreading.xml"),
                MirrorMeterReading.class);
        assertEquals(201, device.post(href, posted).status());
        String n = href.substring(href.lastIndexOf('/') + 1);

        DeviceCapability dcap = device.get("/dcap").resource(DeviceCapability.class);
        assertEquals("/upt", dcap.getUsagePointListLink().getHref());
        UsagePointList list = device.get("/upt?l=10").resource(UsagePointList.class);
        assertEquals(1, list.getAll());
        UsagePoint u = list.getUsagePoint().get(0);
        assertEquals("/upt/" + n, u.getHref());
        assertArrayEquals(mup.getMRID().getValue(), u.getMRID().getValue());
        assertArrayEquals(mup.getDeviceLFDI(), u.getDeviceLFDI());
        long readings = mup.getMirrorMeterReading().size() + 1L; // the vector's own readings plus the posted one
        assertEquals(readings, u.getMeterReadingListLink().getAll());
        MeterReadingList mrs = device.get(u.getMeterReadingListLink().getHref() + "?l=10").resource(MeterReadingList.class);
        assertEquals(readings, mrs.getAll());
        MeterReading mr = mrs.getMeterReading().stream()
                .filter(x -> Arrays.equals(x.getMRID().getValue(), posted.getMRID().getValue())).findFirst().orElseThrow();
        assertArrayEquals(posted.getMRID().getValue(), device.get(mr.getHref()).resource(MeterReading.class)
                .getMRID().getValue());
        MirrorMeterReading typed = mup.getMirrorMeterReading().get(0); // carries the ReadingType
        MeterReading typedBack = mrs.getMeterReading().stream()
                .filter(x -> Arrays.equals(x.getMRID().getValue(), typed.getMRID().getValue())).findFirst().orElseThrow();
        ReadingType rt = device.get(typedBack.getReadingTypeLink().getHref()).resource(ReadingType.class);
        assertEquals(typed.getReadingType().getPowerOfTenMultiplier().getValue(), rt.getPowerOfTenMultiplier().getValue());
        assertEquals(typed.getReadingType().getUom().getValue(), rt.getUom().getValue());

        assertEquals(0, other.get("/upt?l=10").resource(UsagePointList.class).getAll(), "only the caller's");
        assertEquals(404, other.get("/upt/" + n).status());
        assertEquals(404, other.get(mr.getHref()).status());
        SepFixture.Reply head = device.send("HEAD", "/upt/" + n, null);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
    }

    /** §10.10 DER: PUT creates (201) then replaces (204); incomplete DERSettings -> 400 and nothing stored. */
    @Test
    void deviceSideDerResources() throws Exception {
        DERList ders = device.get(device.get(edev).resource(EndDevice.class).getDERListLink().getHref())
                .resource(DERList.class);
        String der = ders.getDER().get(0).getHref();
        String settings = ders.getDER().get(0).getDERSettingsLink().getHref();
        assertEquals(404, device.get(settings).status());

        DERSettings s = new DERSettings();
        s.setSetGradW(200);
        ActivePower w = new ActivePower();
        w.setValue((short) 5000);
        org.openvtn.schemas.sep.PowerOfTenMultiplierType zero = new org.openvtn.schemas.sep.PowerOfTenMultiplierType();
        zero.setValue((byte) 0);
        w.setMultiplier(zero);
        s.setSetMaxW(w);
        TimeType t = new TimeType();
        t.setValue(SepFixture.T0.getEpochSecond());
        s.setUpdatedTime(t);
        String incomplete = new String(SepFixture.CODEC.encode(s), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("<setMaxW>.*</setMaxW>", "");
        SepFixture.Reply bad = device.put(settings, incomplete.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, bad.status());
        assertEquals(404, device.get(settings).status(), "nothing stored");

        assertEquals(201, device.put(settings, SepFixture.CODEC.encode(s)).status());
        s.setSetGradW(300);
        assertEquals(204, device.put(settings, SepFixture.CODEC.encode(s)).status());
        DERSettings back = device.get(settings).resource(DERSettings.class);
        assertEquals(300, back.getSetGradW());
        assertEquals(settings, back.getHref());

        DERAvailability a = new DERAvailability();
        a.setReadingTime(t);
        assertEquals(201, device.put(der + "/dera", SepFixture.CODEC.encode(a)).status());
        assertEquals(400, device.put(der + "/dera", SepFixture.CODEC.encode(s)).status(), "wrong root element");
        assertEquals(404, other.get(settings).status());
        assertEquals(405, device.send("POST", settings, SepFixture.CODEC.encode(s)).status());
    }

    /** Log Event: POST -> 201 + Location; LogEventList newest first. */
    @Test
    void logEvents() throws Exception {
        String lel = device.get(edev).resource(EndDevice.class).getLogEventListLink().getHref();
        for (int i = 0; i < 2; i++) {
            LogEvent e = new LogEvent();
            TimeType t = new TimeType();
            t.setValue(SepFixture.T0.getEpochSecond() + i);
            e.setCreatedDateTime(t);
            e.setFunctionSet((short) 0);
            e.setLogEventCode((short) 5);
            e.setLogEventID(100 + i);
            PENType pen = new PENType();
            pen.setValue(0);
            e.setLogEventPEN(pen);
            e.setProfileID((short) 2);
            assertEquals(201, device.post(lel, e).status());
        }
        LogEventList l = device.get(lel + "?l=10").resource(LogEventList.class);
        assertEquals(2, l.getAll());
        assertEquals(101, l.getLogEvent().get(0).getLogEventID(), "newest first");
        assertEquals(200, device.get(l.getLogEvent().get(0).getHref()).status());
    }
}
