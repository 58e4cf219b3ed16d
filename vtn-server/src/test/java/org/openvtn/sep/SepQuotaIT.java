package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.Targets;
import org.openvtn.core.service.StoreLimits;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERControlResponse;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.LogEvent;
import org.openvtn.schemas.sep.LogEventList;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.PENType;
import org.openvtn.schemas.sep.ResponseList;
import org.openvtn.schemas.sep.TimeType;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.store.JdbcSepRecordStore;

/**
 * Per-device storage quotas and SQL paging of 2030.5 lists over real mutual TLS (issue #12 item 8; IEEE
 * 2030.5-2018 §5.4 list resources and s/l query parameters, LogEventList and ResponseList as bounded lists that
 * drop their oldest entries).
 */
class SepQuotaIT {
    private static final int MAX_LOG_EVENTS = 3;
    private static final int MAX_RESPONSES = 2;
    private static final long MAX_READINGS = 1;
    private static final int MAX_MIRRORS = 2;

    private SepFixture fx;
    private Credential cred;
    private SepFixture.Client device;
    private String edev;

    @BeforeEach
    void start() throws Exception {
        fx = new SepFixture(b -> b.limits(StoreLimits.builder().maxLogEventsPerDevice(MAX_LOG_EVENTS)
                .maxResponsesPerDevice(MAX_RESPONSES).maxTelemetryPerVen(MAX_READINGS).maxMirrorsPerDevice(MAX_MIRRORS)
                .build()));
        cred = SepFixture.PKI.device();
        device = fx.client(cred);
        edev = SepServerIT.register(device, cred);
    }

    @AfterEach
    void stop() throws Exception {
        device.close();
        fx.close();
    }

    private static LogEvent logEvent(int id, long created) {
        LogEvent e = new LogEvent();
        TimeType t = new TimeType();
        t.setValue(created);
        e.setCreatedDateTime(t);
        e.setFunctionSet((short) 0);
        e.setLogEventCode((short) 5);
        e.setLogEventID(id);
        PENType pen = new PENType();
        pen.setValue(0);
        e.setLogEventPEN(pen);
        e.setProfileID((short) 2);
        return e;
    }

    /**
     * Issue #12 item 8: a device posting LogEvents beyond its quota cannot grow storage beyond the cap; every POST
     * is accepted (201) and the LogEventList keeps the newest entries.
     */
    @Test
    void logEventsBeyondQuotaDropTheOldest() throws Exception {
        String lel = device.get(edev).resource(EndDevice.class).getLogEventListLink().getHref();
        for (int i = 0; i < 5; i++) {
            assertEquals(201, device.post(lel, logEvent(100 + i, SepFixture.T0.getEpochSecond() + i)).status());
        }
        LogEventList l = device.get(lel + "?l=10").resource(LogEventList.class);
        assertEquals(MAX_LOG_EVENTS, l.getAll());
        assertEquals(List.of("104", "103", "102"), l.getLogEvent().stream()
                .map(e -> String.valueOf(e.getLogEventID())).toList());
        long deviceId = Long.parseLong(edev.substring(edev.lastIndexOf('/') + 1));
        assertEquals(MAX_LOG_EVENTS, JdbcSepRecordStore.on(fx.core.store()).logEventCount(deviceId));
    }

    /** Issue #12 item 8: Responses beyond the per-device quota drop the oldest; the ResponseList stays at the cap. */
    @Test
    void responsesBeyondQuotaDropTheOldest() throws Exception {
        Program program = fx.core.programs().create("quota", "http://example.com/quota");
        String lfdi = SepIdentity.lfdi(cred.certificate());
        fx.core.events().create(EventSpec.builder().programId(program.id())
                .start(SepFixture.T0.plusSeconds(600)).targets(Targets.vens(lfdi))
                .responseRequired(ResponseRequired.ALWAYS)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 3.0))).build());
        DERControl c = device.get(edev + "/derp/" + program.id() + "/derc").resource(DERControlList.class)
                .getDERControl().get(0);
        for (short status = 1; status <= 4; status++) {
            DERControlResponse r = new DERControlResponse();
            TimeType t = new TimeType();
            t.setValue(SepFixture.T0.getEpochSecond() + status);
            r.setCreatedDateTime(t);
            r.setEndDeviceLFDI(HexFormat.of().parseHex(lfdi));
            r.setStatus(status);
            MRIDType m = new MRIDType();
            m.setValue(c.getMRID().getValue());
            r.setSubject(m);
            assertEquals(201, device.post(c.getReplyTo(), r).status());
        }
        ResponseList l = device.get(c.getReplyTo() + "?l=10").resource(ResponseList.class);
        assertEquals(MAX_RESPONSES, l.getAll());
        assertEquals(List.of((short) 3, (short) 4), l.getResponse().stream().map(x -> x.getStatus()).toList());
    }

    /**
     * Issue #12 item 8: mirrored readings are settlement data: a MirrorMeterReading POST that would take the device
     * beyond its reading quota is refused with 400 reasonCode 2 (resource limit reached) and stores nothing.
     */
    @Test
    void readingsBeyondQuotaAreRefused() throws Exception {
        MirrorUsagePoint mup = SepFixture.CODEC.decode(vector("envoy_meter_mirroring_mirrorusagepoint.xml"),
                MirrorUsagePoint.class);
        String lfdi = SepIdentity.lfdi(cred.certificate());
        mup.setDeviceLFDI(HexFormat.of().parseHex(lfdi));
        SepFixture.Reply r = device.post("/mup", mup); // carries one reading: the quota is full
        assertEquals(201, r.status(), r.text());
        SepFixture.Reply refused = device.post(r.header("Location"),
                vector("envoy_meter_mirroring_mirrormeterreading.xml"));
        assertEquals(400, refused.status());
        assertEquals(SepException.RESOURCE_LIMIT, refused.resource(org.openvtn.schemas.sep.Error.class)
                .getReasonCode());
        assertEquals(1, fx.core.reports().telemetry(new TelemetryQuery(lfdi, null, null, 100)).size());
        assertEquals(r.header("Location"), device.post("/mup", mup).header("Location"),
                "a retry of what is stored adds nothing: accepted");
    }

    /**
     * Issue #12 item 8: a device cannot create MirrorUsagePoints beyond its quota (400 reasonCode 2, nothing
     * stored); re-posting an existing mRID still answers with the existing mirror.
     */
    @Test
    void mirrorUsagePointsBeyondQuotaAreRefused() throws Exception {
        MirrorUsagePoint mup = SepFixture.CODEC.decode(vector("envoy_meter_mirroring_mirrorusagepoint.xml"),
                MirrorUsagePoint.class);
        mup.setDeviceLFDI(HexFormat.of().parseHex(SepIdentity.lfdi(cred.certificate())));
        mup.getMirrorMeterReading().clear();
        String first = null;
        for (int i = 0; i < MAX_MIRRORS; i++) {
            mup.getMRID().setValue(HexFormat.of().parseHex("0000000000000000000000000000000" + i));
            SepFixture.Reply r = device.post("/mup", mup);
            assertEquals(201, r.status(), r.text());
            first = first == null ? r.header("Location") : first;
        }
        mup.getMRID().setValue(HexFormat.of().parseHex("000000000000000000000000000000FF"));
        SepFixture.Reply refused = device.post("/mup", mup);
        assertEquals(400, refused.status());
        assertEquals(SepException.RESOURCE_LIMIT, refused.resource(org.openvtn.schemas.sep.Error.class)
                .getReasonCode());
        long deviceId = Long.parseLong(edev.substring(edev.lastIndexOf('/') + 1));
        assertEquals(MAX_MIRRORS, JdbcSepRecordStore.on(fx.core.store()).mirrorUsagePointCount(deviceId));
        mup.getMRID().setValue(HexFormat.of().parseHex("00000000000000000000000000000000"));
        assertEquals(first, device.post("/mup", mup).header("Location"));
    }

    private static byte[] vector(String name) throws Exception {
        return Files.readAllBytes(Path.of("").toAbsolutePath().getParent().getParent()
                .resolve("shared/vectors/ieee-2030.5/valid").resolve(name));
    }

    /**
     * Issue #12 item 8: a LogEventList GET with s=0&l=2 over 10,000 stored rows reads two rows from the database
     * (OFFSET/FETCH), not the whole list; over TLS the page still reports all=10000.
     */
    @Test
    void logEventListPagesInSql() throws Exception {
        String lel = device.get(edev).resource(EndDevice.class).getLogEventListLink().getHref();
        long deviceId = Long.parseLong(edev.substring(edev.lastIndexOf('/') + 1));
        JdbcSepRecordStore records = JdbcSepRecordStore.on(fx.core.store());
        byte[] body = SepFixture.CODEC.encode(logEvent(1, SepFixture.T0.getEpochSecond()));
        records.inTransaction(() -> {
            for (int i = 0; i < 10_000; i++) {
                records.insertLogEvent(deviceId, Instant.ofEpochSecond(SepFixture.T0.getEpochSecond() + i), body);
            }
            return null;
        });

        long before = records.pagedRowsRead();
        assertEquals(2, records.logEventPage(deviceId, 0, 2).size());
        assertEquals(2, records.pagedRowsRead() - before, "rows read for one page");
        assertEquals(10_000, records.logEventCount(deviceId));

        LogEventList page = device.get(lel + "?s=0&l=2").resource(LogEventList.class);
        assertEquals(10_000, page.getAll());
        assertEquals(2, page.getResults());
        assertEquals(2, page.getLogEvent().size());
        LogEventList last = device.get(lel + "?s=9999&l=2").resource(LogEventList.class);
        assertEquals(1, last.getResults());
    }
}
