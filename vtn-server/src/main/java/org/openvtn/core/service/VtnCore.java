package org.openvtn.core.service;

import java.time.Clock;
import org.openvtn.certs.pki.SecretFiles;
import org.openvtn.core.EventService;
import org.openvtn.core.OptService;
import org.openvtn.core.ParticipantService;
import org.openvtn.core.PollQueue;
import org.openvtn.core.ProgramService;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.ReportService;
import org.openvtn.store.Database;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.VtnStore;

/**
 * The assembled protocol-neutral core: store + services, wired from a {@link CoreConfig}. Both
 * protocol adapters (OpenADR 2.0b, IEEE 2030.5) and the admin API share one instance.
 *
 * <pre>{@code
 * try (VtnCore core = VtnCore.open(CoreConfig.builder().dataDir(Path.of("data")).build())) {
 *     core.events().addListener(change -> ...);
 * }
 * }</pre>
 */
public final class VtnCore implements AutoCloseable {
    private final CoreConfig config;
    private final VtnStore store;
    private final PollQueue pollQueue;
    private final ProgramService programs;
    private final RegistrationService registrations;
    private final EventService events;
    private final OptService opts;
    private final ReportService reports;
    private final ParticipantService participants;
    private final CoreMetrics metrics = new CoreMetrics();
    private volatile org.openvtn.core.PushOutbox pushOutbox = org.openvtn.core.PushOutbox.NONE;

    private VtnCore(CoreConfig config, VtnStore store) {
        this.config = config;
        this.store = store;
        Clock clock = config.clock();
        this.pollQueue = new DefaultPollQueue(store, clock, config.limits().pollRedeliveryAfter(),
                config.limits().pollMaxDeliveries());
        this.programs = new DefaultProgramService(store, clock);
        this.registrations = new DefaultRegistrationService(store, clock, pollQueue, config.vtnId(),
                config.defaultPollFreq());
        this.events = new DefaultEventService(store, clock, pollQueue, config.nearWindow(), config.eventRetention(),
                config.limits().maxEventResponsesPerVen());
        this.opts = new DefaultOptService(store, clock, config.limits().maxOptsPerVen());
        this.reports = new DefaultReportService(store, clock, pollQueue,
                config.limits().maxTelemetryPerVen());
        this.participants = new DefaultParticipantService(store, registrations, clock);
    }

    /**
     * Opens the database (creating it and applying migrations as needed) and wires the services.
     *
     * @param config validated configuration
     * @return the core; close it to shut the database down
     */
    public static VtnCore open(CoreConfig config) {
        Database db;
        if (config.dataDir() != null) {
            // owner-only: the database (and the admin token) hold every participant's data (issue #12 item 10)
            SecretFiles.directory(config.dataDir(), "data directory");
        }
        if (config.database() != null) {
            db = Database.open(config.database());
        } else if (config.dataDir() != null) {
            db = Database.openFile(config.dataDir());
        } else {
            db = Database.openMemory(config.memoryName());
        }
        return new VtnCore(config, JdbcVtnStore.open(db));
    }

    public CoreConfig config() { return config; }
    public Clock clock() { return config.clock(); }
    public ProgramService programs() { return programs; }
    public RegistrationService registrations() { return registrations; }
    public EventService events() { return events; }
    public OptService opts() { return opts; }
    public ReportService reports() { return reports; }
    public PollQueue pollQueue() { return pollQueue; }
    /** @return enrolment of OpenADR VENs and 2030.5 devices (issue #12 item 5) */
    public ParticipantService participants() { return participants; }
    /** @return counters for the admin metrics endpoint */
    public CoreMetrics metrics() { return metrics; }
    /** @return the 2.0b push channel's outbox view ({@link org.openvtn.core.PushOutbox#NONE} without one) */
    public org.openvtn.core.PushOutbox pushOutbox() { return pushOutbox; }
    /** Attaches the push channel the VTN runs (issue #14), for the admin API. */
    public void attachPushOutbox(org.openvtn.core.PushOutbox outbox) {
        pushOutbox = outbox == null ? org.openvtn.core.PushOutbox.NONE : outbox;
    }
    /** @return the underlying store (for tooling; adapters should use the services) */
    public VtnStore store() { return store; }

    @Override
    public void close() {
        store.close();
    }
}
