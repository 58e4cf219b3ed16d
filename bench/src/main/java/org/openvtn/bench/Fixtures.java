package org.openvtn.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Protocol;
import org.openvtn.core.Registration;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.sep.service.ControlMapping;
import org.openvtn.sep.service.ControlResources;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Realistic messages for the codec benchmarks, built in code through the server's own mappings
 * ({@link OadrMapping}, {@link ControlMapping}/{@link ControlResources}) so the bytes are what the VTN sends.
 *
 * <ul>
 *   <li>oadrDistributeEvent: 3 events, 2 signals each (SIMPLE level, LOAD_DISPATCH setpoint), 24 hourly
 *       intervals per signal, targeted at one VEN (OpenADR 2.0b Profile §8.1 EiEvent).</li>
 *   <li>oadrPoll of that VEN (§8.6 OadrPoll).</li>
 *   <li>2030.5 DERControlList page of 24 DERControls (IEEE 2030.5-2018 §10.10), the day of hourly
 *       capacity limits a CSIP aggregator publishes.</li>
 * </ul>
 */
public final class Fixtures {
    /** Every fixture is dated relative to this instant (events start one hour later). */
    public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    public static final String VEN_ID = "ab:cd:ef:01:23:45:67:89:ab:cd";
    public static final String VTN_ID = "OPENVTN";
    public static final int EVENTS = 3;
    public static final int INTERVALS = 24;

    private Fixtures() {
    }

    /** The registered VEN the distribution is addressed to. */
    public static Registration registration() {
        return new Registration("reg-1", VEN_ID, "bench-ven", null, VEN_ID, Protocol.OADR20B,
                Registration.OadrTerms.pull(), Duration.ofSeconds(10), Set.of(), Set.of(), NOW, true);
    }

    /** Three core events of two signals with 24 hourly intervals each. */
    public static List<Event> events() {
        List<Event> out = new ArrayList<>();
        for (int e = 0; e < EVENTS; e++) {
            List<Map.Entry<Duration, Double>> levels = new ArrayList<>();
            List<Map.Entry<Duration, Double>> setpoints = new ArrayList<>();
            for (int i = 0; i < INTERVALS; i++) {
                levels.add(Map.entry(Duration.ofHours(1), (double) (i % 4)));
                setpoints.add(Map.entry(Duration.ofHours(1), 2.5 + i * 0.25));
            }
            EventSpec spec = EventSpec.builder()
                    .programId("program-1")
                    .start(NOW.plus(Duration.ofHours(1 + 24L * e)))
                    .targets(Targets.vens(VEN_ID))
                    .responseRequired(ResponseRequired.ALWAYS)
                    .randomizeStart(Duration.ofMinutes(5))
                    .signal("SIMPLE", "level", null, levels)
                    .signal("LOAD_DISPATCH", "setpoint", "kW", setpoints)
                    .build();
            out.add(new Event("event-" + (e + 1), 1, false, "http://MarketContext1", NOW, NOW, spec));
        }
        return out;
    }

    /** The oadrDistributeEvent the VTN answers a poll with. */
    public static OadrDistributeEventType distributeEvent() {
        return OadrMapping.distributeEvent(VTN_ID, "req-1", OadrValues.ok("req-1"), events(), registration(), NOW,
                Duration.ZERO);
    }

    /** The VEN's oadrPoll. */
    public static OadrPollType poll() {
        OadrPollType p = new OadrPollType();
        p.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        p.setVenID(VEN_ID);
        return p;
    }

    /** A DERControlList page of 24 hourly DERControls (opModMaxLimW) for one EndDevice. */
    public static DERControlList derControlList() {
        List<Map.Entry<Duration, Double>> limits = new ArrayList<>();
        for (int i = 0; i < INTERVALS; i++) {
            limits.add(Map.entry(Duration.ofHours(1), 0.5 + (i % 5) * 0.1));
        }
        EventSpec spec = EventSpec.builder()
                .programId("program-1")
                .start(NOW.plus(Duration.ofHours(1)))
                .targets(Targets.everyone())
                .responseRequired(ResponseRequired.ALWAYS)
                .signal("LOAD_CONTROL", "x-loadControlCapacity", null, limits)
                .build();
        Event event = new Event("event-sep", 1, false, "http://MarketContext1", NOW, NOW, spec);
        List<SepControl> controls = ControlMapping.controls(event, NOW);
        SepEndDevice device = new SepEndDevice(1, "3e4f45ab31edfe5b67e343e5e4562e31984e23e5", 167261211391L, NOW,
                111115, NOW, Set.of());
        return new ControlResources(900, (short) 1).derControlList("/edev/1/derp/program-1/derc", device,
                new ListQuery.Page<>(controls, controls.size(), controls.size()));
    }
}
