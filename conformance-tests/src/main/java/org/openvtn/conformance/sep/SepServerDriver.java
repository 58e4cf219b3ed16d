package org.openvtn.conformance.sep;

import java.util.Set;
import org.openvtn.conformance.CaseContext;

/**
 * How the suite makes a 2030.5 server do what a case needs (in the spirit of the certification procedures'
 * "the utility server creates ..." steps): through a target's operator API ({@link AdminSepDriver} for OpenVTN's
 * admin API) or through the operator ({@link PromptSepDriver}). A driver that cannot do something throws
 * {@link Unsupported}; the case is then SKIPPED with that reason.
 */
public interface SepServerDriver {

    /** Short name for evidence, e.g. {@code openvtn-admin}. */
    String name();

    /** The modes {@link #createDerControl} can schedule. */
    Set<DerMode> modes();

    /** Schedules a DER control for the spec's device; returns a handle for cancel/supersede. */
    Handle createDerControl(CaseContext ctx, DerControlSpec spec);

    /** Cancels a control created by {@link #createDerControl}. */
    void cancel(CaseContext ctx, Handle handle);

    /** Sets a DefaultDERControl of the given mode and value for the device's program. */
    default void setDefaultControl(CaseContext ctx, DeviceIdentity device, DerMode mode, double value) {
        throw new Unsupported(name() + " cannot set DefaultDERControls");
    }

    /**
     * Schedules ONE DER control carrying several modes for the device (IEEE 2030.5-2018 DERControlBase; CSIP-AUS
     * S-ALL-17, S-ALL-33: e.g. opModExpLimW, opModGenLimW, opModImpLimW, opModLoadLimW, opModEnergize and
     * opModConnect together), values in each mode's unit as in {@link DerControlSpec#value()}.
     */
    default Handle createCombinedControl(CaseContext ctx, DeviceIdentity device, java.util.Map<DerMode, Double> values,
                                         java.time.Instant start, java.time.Duration duration) {
        throw new Unsupported(name() + " cannot create a DERControl of several modes");
    }

    /** Sets ONE DefaultDERControl carrying every mode given (CSIP-AUS S-ALL-24, S-ALL-40, S-ALL-48). */
    default void setDefaultControl(CaseContext ctx, DeviceIdentity device, java.util.Map<DerMode, Double> values) {
        throw new Unsupported(name() + " cannot set a DefaultDERControl of several modes");
    }

    /**
     * Text that appears in the href (or mRID) of the DERProgram this driver schedules controls and default controls
     * into, so a case subscribes to the right program on a server that offers the device several. Empty when the
     * driver cannot tell; cases then use the device's first DERProgram.
     */
    default java.util.Optional<String> programMarker(CaseContext ctx) {
        return java.util.Optional.empty();
    }

    /** Provisions an out-of-band registration PIN for a device (CSIP-AUS S-ALL-01). */
    default void provisionPin(CaseContext ctx, DeviceIdentity device, int pin) {
        throw new Unsupported(name() + " cannot provision registration PINs");
    }

    /**
     * Registers a device certificate as an aggregator client that may register EndDevices for LFDIs of its choosing
     * (CSIP AGG-*, CSIP-AUS S-ALL-03).
     */
    default void registerAggregator(CaseContext ctx, DeviceIdentity aggregator) {
        throw new Unsupported(name() + " cannot register aggregator clients");
    }

    /** Undoes {@link #registerAggregator}: the certificate is a single device again. */
    default void removeAggregator(CaseContext ctx, DeviceIdentity aggregator) {
        throw new Unsupported(name() + " cannot remove aggregator clients");
    }

    /**
     * Publishes an energy price for the device (IEEE 2030.5-2018 §10.5 Pricing): one TimeTariffInterval from
     * {@code start} for {@code duration} in a RateComponent of a TariffProfile the device reaches from its
     * FunctionSetAssignments, whose ConsumptionTariffInterval carries {@code perKwh} (currency per kWh).
     *
     * @return the TariffProfile's pricePowerOfTenMultiplier (the served price is perKwh x 10^-multiplier)
     */
    default int schedulePrice(CaseContext ctx, DeviceIdentity device, java.time.Instant start,
                              java.time.Duration duration, double perKwh) {
        throw new Unsupported(name() + " cannot publish prices");
    }

    /**
     * Posts a text message for the device (IEEE 2030.5-2018 §10.6 Messaging): a TextMessage with this text and
     * priority (0 low .. 3 critical) from {@code start} for {@code duration}, in a MessagingProgram the device reaches
     * from its FunctionSetAssignments.
     */
    default void postMessage(CaseContext ctx, DeviceIdentity device, String text, int priority,
                             java.time.Instant start, java.time.Duration duration) {
        throw new Unsupported(name() + " cannot post text messages");
    }

    /**
     * Defines a CustomerAccount for the device only (IEEE 2030.5-2018 §10.7 Billing) with this customerAccount and one
     * CustomerAgreement holding {@code periods} consecutive BillingPeriods, reachable from the device's
     * FunctionSetAssignments.
     */
    default void defineBillingAccount(CaseContext ctx, DeviceIdentity device, String customerAccount, int periods) {
        throw new Unsupported(name() + " cannot define billing accounts");
    }

    /**
     * Sets the pollRate (seconds) the target serves on every resource of a sep.xsd type, e.g. {@code DeviceCapability}
     * or {@code DERProgramList} (IEEE 2030.5-2018 §5.7; CSIP-AUS S-ALL-43 "Update Poll Rates").
     */
    default void setPollRate(CaseContext ctx, String resource, long seconds) {
        throw new Unsupported(name() + " cannot change pollRates");
    }

    /** Undoes {@link #setPollRate}: the target's own pollRate applies again. */
    default void clearPollRate(CaseContext ctx, String resource) {
        throw new Unsupported(name() + " cannot change pollRates");
    }

    /** Sets the postRate of the device's MirrorUsagePoints (CSIP-AUS S-OPT-05 "Update Telemetry Post Rates"). */
    default void setPostRate(CaseContext ctx, DeviceIdentity device, long seconds) {
        throw new Unsupported(name() + " cannot change postRates");
    }

    /** Undoes {@link #setPostRate}. */
    default void clearPostRate(CaseContext ctx, DeviceIdentity device) {
        throw new Unsupported(name() + " cannot change postRates");
    }

    /** Sets the primacy of the DERProgram this driver schedules into (CSIP-AUS S-ALL-49). */
    default void setPrimacy(CaseContext ctx, int primacy) {
        throw new Unsupported(name() + " cannot set program primacy");
    }

    /**
     * A driver for a further program, offered to the devices as its own FunctionSetAssignments with its own
     * DERProgram (CSIP-AUS S-ALL-49 "Multiple DER Programs"); created on first use, the same one on later calls.
     */
    default SepServerDriver program(CaseContext ctx, String name) {
        throw new Unsupported(name() + " cannot create further programs");
    }

    /** Puts the device in exactly these groups (CSIP BASIC-002/003 group membership; empty: no group). */
    default void assignGroups(CaseContext ctx, DeviceIdentity device, java.util.List<String> groups) {
        throw new Unsupported(name() + " cannot assign devices to groups");
    }

    /**
     * Offers the FunctionSetAssignments of this driver's program only to devices in one of these groups (empty: to
     * every device).
     */
    default void offerToGroups(CaseContext ctx, java.util.List<String> groups) {
        throw new Unsupported(name() + " cannot offer programs to groups");
    }

    /**
     * Defines a DERCurve of {@code curveType} (DERCurveType; multipliers 0) with these (x, y) points in a program the
     * device sees, and schedules a DERControl for the device from {@code start} for {@code duration} whose curve mode
     * of that type links it (IEEE 2030.5-2018 §10.10 DERCurveLink).
     */
    default void scheduleCurveControl(CaseContext ctx, DeviceIdentity device, int curveType, int yRefType,
                                      java.util.List<int[]> points, java.time.Instant start,
                                      java.time.Duration duration) {
        throw new Unsupported(name() + " cannot schedule curve controls");
    }

    /** A target-side reference to a created control. */
    record Handle(String id, DerControlSpec spec) {
    }

    /** The driver cannot perform the step (the case becomes SKIPPED, naming this reason). */
    final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unsupported(String message) {
            super(message, null, false, false);
        }
    }
}
