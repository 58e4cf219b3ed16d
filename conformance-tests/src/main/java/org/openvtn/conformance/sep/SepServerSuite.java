package org.openvtn.conformance.sep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;

/**
 * {@code sep-server}: the suite plays IEEE 2030.5 clients (devices) against any IEEE 2030.5 server (CSIP,
 * CSIP-AUS). Cases are named after the SunSpec CSIP test IDs and the CSIP-AUS server procedures they realise
 * (conformance-tests/README.md, "sep-server coverage"). Every payload goes through {@link SepRules}.
 */
public final class SepServerSuite implements Suite {

    /** Subscription/Notification function set. */
    public static final String SUBSCRIPTIONS = "subscriptions";
    /** Response/ResponseSet: replyTo on controls, client responses accepted. */
    public static final String RESPONSES = "responses";
    /** Metering mirror (MirrorUsagePoint). */
    public static final String MIRROR_METERING = "mirrorMetering";
    /** DefaultDERControl content. */
    public static final String DEFAULT_CONTROL = "defaultControl";
    /** CSIP-AUS 1.3 extensions (opModExpLimW, opModGenLimW, opModImpLimW, opModLoadLimW, ...). */
    public static final String CSIP_AUS = "csip-aus";
    /** Out-of-band registration with a PIN (Registration) the driver can provision. */
    public static final String REGISTRATION = "registration";
    /** Metering read-back: the client's mirrored usage points served under DeviceCapability's UsagePointListLink. */
    public static final String USAGE_POINTS = "usagePoints";
    /** Aggregator clients: one certificate registers and manages the EndDevices of several sites. */
    public static final String AGGREGATOR = "aggregator";
    /** Pricing function set: the driver can publish prices the device reads as TimeTariffIntervals. */
    public static final String PRICING = "pricing";
    /** Flow Reservation function set: the server answers a device's FlowReservationRequest. */
    public static final String FLOW_RESERVATION = "flowReservation";
    /** Messaging function set: the driver can post text messages the device reads as TextMessages. */
    public static final String MESSAGING = "messaging";
    /** Billing function set: the driver can define a device's CustomerAccount with billing periods (read-only). */
    public static final String BILLING = "billing";
    /** DNS-SD advertisement of {@code _smartenergy._tcp} (CSIP COMM-001, optional for servers). */
    public static final String DNS_SD = DnsSdCases.CAPABILITY;
    /** DER curves: controls in a curve mode link a DERCurve; the driver can define a curve and schedule such a control. */
    public static final String CURVES = "derCurves";
    /** Superseded events (EventStatus 4). */
    public static final String SUPERSEDE = "supersede";
    /** The driver can change pollRates and MirrorUsagePoint postRates (CSIP-AUS S-ALL-43, S-OPT-05). */
    public static final String RATES = "rates";
    /** The driver can offer a second program and set each program's primacy (CSIP-AUS S-ALL-49). */
    public static final String PROGRAMS = "programs";
    /** The target refuses in-band EndDevice registration; the driver provisions EndDevices (CSIP-AUS S-OPT-01). */
    public static final String OUT_OF_BAND_ONLY = "outOfBandRegistrationOnly";
    /** The driver can put devices in groups and offer a program to groups only (CSIP BASIC-002/003). */
    public static final String GROUPS = "groups";

    @Override
    public String name() {
        return "sep-server";
    }

    @Override
    public String description() {
        return "plays IEEE 2030.5 clients (devices, TLS 1.2 CCM_8) against a 2030.5 server (CSIP / CSIP-AUS)";
    }

    @Override
    public String catalogueVersion() {
        return "1";
    }

    @Override
    public Map<String, String> capabilities() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SUBSCRIPTIONS, "Subscription/Notification: clients subscribe to lists/resources, the server POSTs"
                + " Notifications to their notificationURI");
        m.put(RESPONSES, "Response function set: controls carry replyTo/responseRequired, client responses accepted");
        m.put(MIRROR_METERING, "Metering mirror: MirrorUsagePointListLink on DeviceCapability, readings accepted");
        m.put(DEFAULT_CONTROL, "DefaultDERControl served with content (not 501)");
        m.put(CSIP_AUS, "CSIP-AUS 1.3 control modes (opModExpLimW, opModGenLimW, opModImpLimW, opModLoadLimW) and"
                + " the EndDevice's ConnectionPoint");
        m.put(REGISTRATION, "Out-of-band registration: the driver can provision a PIN for an LFDI");
        m.put(USAGE_POINTS, "Metering read-back: UsagePointListLink on DeviceCapability serves the client's mirrored"
                + " UsagePoints, MeterReadings and ReadingTypes");
        m.put(AGGREGATOR, "Aggregator clients: the driver can register a certificate as an aggregator that POSTs and"
                + " manages the EndDevices of several sites (CSIP AGG-*, CSIP-AUS S-ALL-03)");
        m.put(PRICING, "Pricing function set: TariffProfile, RateComponent, TimeTariffInterval and"
                + " ConsumptionTariffInterval reachable from the FunctionSetAssignments, the driver can publish prices");
        m.put(FLOW_RESERVATION, "Flow Reservation function set: FlowReservationRequestListLink and"
                + " FlowReservationResponseListLink on EndDevice, requests answered by FlowReservationResponses");
        m.put(MESSAGING, "Messaging function set: MessagingProgram and TextMessageList reachable from the"
                + " FunctionSetAssignments, the driver can post text messages");
        m.put(BILLING, "Billing function set: CustomerAccountList reachable from the FunctionSetAssignments, read-only,"
                + " the driver can define a device's CustomerAccount with its agreement and billing periods");
        m.put(DNS_SD, "DNS-SD over multicast DNS: _smartenergy._tcp advertised with txtvers, dcap and https (browsed on"
                + " the interface of the target property dnsSdAddress, default the base URL's host)");
        m.put(CURVES, "DER curves: DERCurveList under each DERProgram, controls in a curve mode (opModVoltVar ...)"
                + " link a DERCurve of their curveType, the driver can define a curve and schedule such a control");
        m.put(SUPERSEDE, "Overlapping controls of the same program and mode are marked Superseded");
        m.put(RATES, "The driver can change the pollRate of a resource type and the postRate of a device's"
                + " MirrorUsagePoints");
        m.put(PROGRAMS, "The driver can offer the device a second FunctionSetAssignments with its own DERProgram and set"
                + " each DERProgram's primacy");
        m.put(GROUPS, "The driver can put a device in groups and offer a program's FunctionSetAssignments to groups"
                + " only");
        m.put(OUT_OF_BAND_ONLY, "The target refuses in-band EndDevice registration (only EndDevices the driver"
                + " provisioned exist); needs `registration`");
        return m;
    }

    @Override
    public List<ConformanceCase> cases() {
        List<ConformanceCase> all = new ArrayList<>();
        all.addAll(EndDeviceCases.cases());
        all.addAll(EdgeCases.cases());
        all.addAll(DnsSdCases.cases());
        all.addAll(TlsCases.cases());
        all.addAll(HttpCases.cases());
        all.addAll(DiscoveryCases.cases());
        all.addAll(ControlCases.cases());
        all.addAll(ResponseCases.cases());
        all.addAll(SubscriptionCases.cases());
        all.addAll(ConditionalSubscriptionCases.cases());
        all.addAll(ErrCases.cases());
        all.addAll(MeteringCases.cases());
        all.addAll(DerCases.cases());
        all.addAll(LogEventCases.cases());
        all.addAll(ModeCases.cases());
        all.addAll(CombinationCases.cases());
        all.addAll(ScalingCases.cases());
        all.addAll(ConnectionPointCases.cases());
        all.addAll(AggregatorCases.cases());
        all.addAll(PricingCases.cases());
        all.addAll(FlowReservationCases.cases());
        all.addAll(MessagingCases.cases());
        all.addAll(BillingCases.cases());
        all.addAll(RateCases.cases());
        all.addAll(CommsLossCases.cases());
        all.addAll(ExtendedOperationsCases.cases());
        all.addAll(ProgramCases.cases());
        all.addAll(GroupCases.cases());
        all.addAll(CurveCases.cases());
        all.addAll(BasicModeCases.cases());
        return List.copyOf(all);
    }
}
