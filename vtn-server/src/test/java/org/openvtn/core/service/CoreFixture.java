package org.openvtn.core.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openvtn.core.EventSpec;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.core.Program;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.Targets;

/** Base for service tests: a fresh in-memory Derby core per test and a controllable clock. */
abstract class CoreFixture {
    static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

    MutableClock clock;
    VtnCore core;
    Program program;

    @BeforeEach
    void openCore() {
        clock = new MutableClock(T0);
        core = VtnCore.open(storage(CoreConfig.builder()).clock(clock).build());
        program = core.programs().create("prog", "http://MarketContext1");
    }

    /** Where the core keeps its state: a fresh in-memory Derby database; PostgreSQL variants override this. */
    CoreConfig.Builder storage(CoreConfig.Builder b) {
        return b.inMemory("t" + UUID.randomUUID().toString().replace("-", ""));
    }

    @AfterEach
    void closeCore() {
        core.close();
    }

    Registration register(String venId) {
        return core.registrations().register(RegistrationRequest.simple("fp-" + venId, venId, venId + " name"));
    }

    EventSpec.Builder simpleEvent(Instant start, Targets targets) {
        return EventSpec.builder().programId(program.id()).start(start).targets(targets)
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0),
                        Map.entry(Duration.ofMinutes(30), 2.0)));
    }
}
