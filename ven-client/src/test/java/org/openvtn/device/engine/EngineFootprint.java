package org.openvtn.device.engine;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Heap per engine (issue #16 benchmark target: under 50 KB per simulated device). Not a test: a measurement,
 * run by hand (docs/device-engine.md "Footprint"):
 *
 * <pre>
 * java -cp ven-client/target/classes:ven-client/target/test-classes:$(cat /tmp/cp.txt) \
 *     org.openvtn.device.engine.EngineFootprint 10000
 * </pre>
 *
 * Each engine gets its own copy of one DERProgram with a DefaultDERControl and two DERControls (one active),
 * as 10,000 separately parsed devices would, and is updated and ticked once; no state file.
 */
public final class EngineFootprint {

    private EngineFootprint() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Clock clock = Clock.systemUTC();
        long now = clock.instant().getEpochSecond();
        long before = usedAfterGc();
        List<EventEngine> engines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String p = "/sep2/edev/" + i + "/derp/1";
            List<EventView> events = List.of(
                    new EventView(p + "/derc/1", "A" + i, p, now - 600, 1, now - 60, 3600, 0, 0,
                            Map.of("opModExpLimW", new ModeValue(1500, 0)), "/rsps/1/rsp", 3),
                    new EventView(p + "/derc/2", "B" + i, p, now - 300, 0, now + 3600, 3600, 60, 0,
                            Map.of("opModExpLimW", new ModeValue(2500, 0), "opModConnect", new ModeValue(1, 0)),
                            "/rsps/1/rsp", 3));
            ProgramView program = new ProgramView(p, "P" + i, 1, events,
                    Map.of("opModExpLimW", new ModeValue(5000, 0), "opModConnect", new ModeValue(1, 0)));
            EventEngine e = EventEngine.builder().clock(clock).responseSink((ev, s, at) -> { }).randomSeed(i).build();
            e.update(List.of(program));
            e.tick();
            engines.add(e);
        }
        long after = usedAfterGc();
        System.out.printf("%d engines: %.1f KB heap per engine (programs included)%n", n,
                (after - before) / 1024.0 / n);
        if (engines.get(n - 1).effective().isEmpty()) {
            throw new IllegalStateException("engines did not evaluate");
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
