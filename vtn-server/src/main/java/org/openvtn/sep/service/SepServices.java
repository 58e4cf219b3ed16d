package org.openvtn.sep.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openvtn.core.service.StoreLimits;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.store.JdbcReadingStore;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.JdbcSepStore;
import org.openvtn.sep.store.JdbcSubscriptionStore;

/**
 * The IEEE 2030.5 function-set services, assembled once from the core services and the 2030.5 stores on the core's
 * database (issue #13: the same shape as the OpenADR adapter's {@code OadrServices}). The assembly
 * ({@code VtnServer}) builds them once; the HTTP handler, the notification worker ({@code sep.notify}, through
 * {@link #notifications()}) and the operator view ({@link SepAdmin}) talk only to these services; none of them builds
 * a store.
 *
 * <pre>{@code
 * SepServices sep = SepServices.builder(core).clock(clock).mrids(mrids).codec(codec)
 *         .notificationTargets(NotificationTargets.publicOnly(List.of())).build();   // a NotificationUriRule
 * sep.endDevices().provision(lfdi, pin);
 * }</pre>
 */
public final class SepServices {
    private final VtnCore core;
    private final Clock clock;
    private final SepCodec codec;
    private final JdbcSepStore devices;
    private final JdbcSepRecordStore records;
    private final JdbcSubscriptionStore subscriptionStore;
    private final EndDeviceService endDevices;
    private final org.openvtn.sep.store.JdbcAggregatorStore aggregators;
    private final DerCurveService curves;
    private final EndDeviceLifecycle lifecycle;
    private final PricingService pricing;
    private final MessagingService messaging;
    private final BillingService billing;
    private final FlowReservationService flowReservations;
    private final SepProgramService programs;
    private final SubscriptionService subscriptions;
    private final DefaultControlService defaultControls;
    private final ProgramPrimacyService primacies;
    private final SepRates rates;
    private final ProgramGroupService programGroups;
    private final ResponseService responses;
    private final MirrorService mirrors;
    private final DeviceDataService deviceData;
    private final NotificationOutbox notifications;

    private SepServices(Builder b) {
        this.core = b.core;
        this.clock = b.clock == null ? b.core.clock() : b.clock;
        this.codec = b.codec;
        StoreLimits limits = core.config().limits();
        this.devices = JdbcSepStore.on(core.store());
        this.records = JdbcSepRecordStore.on(core.store());
        this.subscriptionStore = JdbcSubscriptionStore.on(core.store());
        Clock coreClock = core.clock(); // EndDevice registration and change times were always the core's
        this.aggregators = org.openvtn.sep.store.JdbcAggregatorStore.on(core.store());
        this.endDevices = new EndDeviceService(devices, coreClock,
                (kind, id) -> records.recordChange(kind, id, null, coreClock.instant()), records::touch, aggregators);
        this.lifecycle = new EndDeviceLifecycle(org.openvtn.sep.store.JdbcEndDeviceStates.on(core.store()),
                endDevices, (kind, id) -> records.recordChange(kind, id, null, coreClock.instant()), coreClock);
        this.curves = new DerCurveService(org.openvtn.sep.store.JdbcCurveStore.on(core.store()), core.programs(),
                clock, new CurveReferences(records, core.events(), clock, b.retention)::referrer);
        this.pricing = new PricingService(org.openvtn.sep.store.JdbcTariffStore.on(core.store()), records,
                core.programs(), clock);
        this.messaging = new MessagingService(org.openvtn.sep.store.JdbcMessageStore.on(core.store()), records,
                core.programs(), clock);
        this.billing = new BillingService(org.openvtn.sep.store.JdbcBillingStore.on(core.store()), records,
                core.programs(), endDevices, pricing, clock);
        this.flowReservations = new FlowReservationService(
                org.openvtn.sep.store.JdbcFlowReservationStore.on(core.store()), records, clock);
        this.programs = new SepProgramService(core.programs(), core.events(), clock, b.mrids,
                b.codec != null && b.codec.csipAus().isPresent(),
                (p, n) -> curves.get(p, n).map(org.openvtn.sep.store.JdbcCurveStore.Curve::curveType), b.retention);
        this.subscriptions = new SubscriptionService(subscriptionStore, clock, b.targets);
        this.defaultControls = new DefaultControlService(records, core.programs(), clock,
                (p, n) -> curves.get(p, n).map(org.openvtn.sep.store.JdbcCurveStore.Curve::curveType));
        this.primacies = new ProgramPrimacyService(records, core.programs(), clock);
        this.rates = new SepRates(org.openvtn.sep.store.JdbcSepRateStore.on(core.store()), records, clock);
        this.programGroups = new ProgramGroupService(org.openvtn.sep.store.JdbcProgramGroupStore.on(core.store()),
                records, core.programs(), clock);
        this.notifications = new NotificationOutbox(subscriptionStore, records, devices);
        SepMrids mrids = b.mrids;
        this.responses = new ResponseService(records, core.events(), programs, clock, limits.maxResponsesPerDevice(),
                (d, p, mrid) -> messaging.visible(d, p, false).stream()
                        .anyMatch(c -> mrids.hex(c.key()).equalsIgnoreCase(mrid)));
        if (codec == null) {
            this.mirrors = null;
            this.deviceData = null;
        } else {
            this.mirrors = new MirrorService(records, new MeterReadingService(JdbcReadingStore.on(core.store()), codec,
                    limits.maxReadingSetsPerReading()), core.reports(), codec, clock, limits);
            this.deviceData = new DeviceDataService(records, codec, clock, limits.maxLogEventsPerDevice());
        }
    }

    /**
     * @param core the core whose services and database the 2030.5 services use (not closed by them)
     * @return a builder
     */
    public static Builder builder(VtnCore core) {
        return new Builder(core);
    }

    /** @return EndDevices, registration PINs, groups, last-seen times (IEEE 2030.5-2018 §8.3, §10.x EndDevice) */
    public EndDeviceService endDevices() {
        return endDevices;
    }

    /** @return EndDevice.enabled and the client's EndDevice PUT (docs/ieee-2030.5.md "EndDevice lifecycle") */
    public EndDeviceLifecycle endDeviceLifecycle() {
        return lifecycle;
    }

    /** @return aggregator clients and their sites (CSIP AGG-*, CSIP-AUS S-ALL-03) */
    public org.openvtn.sep.store.JdbcAggregatorStore aggregators() {
        return aggregators;
    }

    /** @return the devices' flow reservations and the server's answers (Flow Reservation function set) */
    public FlowReservationService flowReservations() {
        return flowReservations;
    }

    /** @return the operator's TextMessages per program (Messaging function set) */
    public MessagingService messaging() {
        return messaging;
    }

    /** @return the operator's CustomerAccounts per program (Billing function set) */
    public BillingService billing() {
        return billing;
    }

    /** @return the operator's TariffProfiles and RateComponents per program (Pricing function set) */
    public PricingService pricing() {
        return pricing;
    }

    /** @return the operator's DERCurves per program (DERCurveList under each DERProgram) */
    public DerCurveService curves() {
        return curves;
    }

    /** @return the core's programs and events seen as 2030.5 programs and DERControls */
    public SepProgramService programs() {
        return programs;
    }

    /** @return Subscriptions (IEEE 2030.5-2018 §5.6) */
    public SubscriptionService subscriptions() {
        return subscriptions;
    }

    /** @return DefaultDERControls */
    public DefaultControlService defaultControls() {
        return defaultControls;
    }

    /** @return per-program primacy of the 2030.5 view */
    public ProgramPrimacyService primacies() {
        return primacies;
    }

    /** @return the operator's per-resource pollRate and postRate (CSIP-AUS S-ALL-43, S-OPT-05) */
    public SepRates rates() {
        return rates;
    }

    /** @return which EndDevices each program's FunctionSetAssignments is offered to (CSIP BASIC-002/003) */
    public ProgramGroupService programGroups() {
        return programGroups;
    }

    /** @return Responses (IEEE 2030.5-2018 §10.x Response), recorded in the core's event responses too */
    public ResponseService responses() {
        return responses;
    }

    /** @return mirrored metering (MirrorUsagePoint), readings recorded as the core's telemetry */
    public MirrorService mirrors() {
        return requireCodec(mirrors);
    }

    /** @return DER status, capability, settings, availability and LogEvents */
    public DeviceDataService deviceData() {
        return requireCodec(deviceData);
    }

    /** @return the core these services run on */
    public VtnCore core() {
        return core;
    }

    /** @return the clock every 2030.5 rule reads */
    public Clock clock() {
        return clock;
    }

    /** @return the durable Notification outbox the notification worker (sep.notify) reads and writes */
    public NotificationOutbox notifications() {
        return notifications;
    }

    /** @return the codec these services were built with (needed by mirrors, device data and notifications) */
    public SepCodec codec() {
        return requireCodec(codec);
    }

    // operator view (SepAdmin) reads the stores of the same package
    JdbcSepRecordStore records() {
        return records;
    }

    JdbcSubscriptionStore subscriptionStore() {
        return subscriptionStore;
    }

    Optional<Instant> lastSeen(long deviceId) {
        return records.lastSeen(deviceId);
    }

    private <T> T requireCodec(T service) {
        if (service == null) {
            throw new IllegalStateException("codec: these IEEE 2030.5 services were built without a SepCodec");
        }
        return service;
    }

    /** Builder; only {@code core} is required (the operator view needs no codec). */
    public static final class Builder {
        private final VtnCore core;
        private Clock clock;
        private SepMrids mrids = SepMrids.placeholder();
        private SepCodec codec;
        private NotificationUriRule targets = NotificationUriRule.NONE;
        private java.time.Duration retention = java.time.Duration.ZERO;

        private Builder(VtnCore core) {
            this.core = Objects.requireNonNull(core, "core");
        }

        /** @param clock time source of the 2030.5 rules (default: the core's clock) */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @param mrids the mRID scheme (PEN) of this server */
        public Builder mrids(SepMrids mrids) {
            this.mrids = mrids;
            return this;
        }

        /** @param codec the 2030.5 codec (needed by mirrors, device data and notifications) */
        public Builder codec(SepCodec codec) {
            this.codec = codec;
            return this;
        }

        /**
         * @param targets which notification URIs a subscription may name (default {@link NotificationUriRule#NONE}:
         *                services without a 2030.5 listener take no subscriptions)
         */
        public Builder notificationTargets(NotificationUriRule targets) {
            this.targets = targets;
            return this;
        }

        /**
         * @param retention how long a completed, cancelled or superseded control stays in the lists after its
         *                  interval ended (sep.eventRetention, default ZERO: it leaves them at its end)
         */
        public Builder eventRetention(java.time.Duration retention) {
            this.retention = retention;
            return this;
        }

        /** @return the services; fails naming the bad field */
        public SepServices build() {
            if (mrids == null) {
                throw new IllegalArgumentException("mrids: required");
            }
            if (targets == null) {
                throw new IllegalArgumentException("notificationTargets: required");
            }
            if (retention == null || retention.isNegative()) {
                throw new IllegalArgumentException("eventRetention: must be a non-negative duration");
            }
            return new SepServices(this);
        }
    }
}
