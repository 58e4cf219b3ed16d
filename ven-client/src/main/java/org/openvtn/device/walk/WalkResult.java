package org.openvtn.device.walk;

import java.util.List;
import java.util.Map;

import org.openvtn.device.engine.ProgramView;

/**
 * What one discovery walk found (IEEE 2030.5-2018 §6.1 DeviceCapability down to the events). Internal.
 *
 * @param endDeviceHref       the device's own EndDevice
 * @param serverTimeOffsetMs  server time minus device time when Time was read (ms)
 * @param tzOffset            Time.tzOffset (s)
 * @param dstOffset           Time.dstOffset (s)
 * @param dstStart            Time.dstStartTime (epoch s)
 * @param dstEnd              Time.dstEndTime (epoch s)
 * @param pollRate            the smallest pollRate the server advertised on the resources read (s)
 * @param programs            every DERProgram and DemandResponseProgram reached through the FSAs, with events
 * @param subscribable        hrefs of the subscribable resources the walk read (subscribable attribute set)
 * @param subscriptionListHref the EndDevice's SubscriptionListLink, or null
 * @param links               links for device data (may be null each)
 * @param curves              how many DERCurves the programs' DERCurveLists hold
 * @param watched             hrefs of every resource whose change changes the programs (lists, DefaultDERControl)
 * @param drPrograms          hrefs of the DemandResponsePrograms among {@code programs}
 * @param targets             what a notification may name and {@link TargetedRefetch} can serve without a full walk:
 *                            event lists and DefaultDERControls (each with its program), program lists, the
 *                            FunctionSetAssignmentsList and the EndDevice (each with what the walk read of it), and
 *                            the DERCurveLists (with their size, so a re-walk can keep them)
 * @param headPollRate        the smallest pollRate of the DeviceCapability and Time (s): the part of
 *                            {@code pollRate} a re-walk from the FunctionSetAssignmentsList does not read again
 */
public record WalkResult(String endDeviceHref, long serverTimeOffsetMs, int tzOffset, int dstOffset, long dstStart,
                         long dstEnd, long pollRate, List<ProgramView> programs, List<String> subscribable,
                         String subscriptionListHref, DeviceLinks links, int curves, List<String> watched,
                         java.util.Set<String> drPrograms, java.util.Map<String, Target> targets,
                         long headPollRate) {

    /** Canonical constructor: targets copied (null becomes empty). */
    public WalkResult {
        targets = targets == null ? java.util.Map.of() : java.util.Map.copyOf(targets);
    }

    /** The same walk with {@code newPrograms} in place of {@link #programs()}. */
    public WalkResult withPrograms(List<ProgramView> newPrograms) {
        return new WalkResult(endDeviceHref, serverTimeOffsetMs, tzOffset, dstOffset, dstStart, dstEnd, pollRate,
                List.copyOf(newPrograms), subscribable, subscriptionListHref, links, curves, watched, drPrograms,
                targets, headPollRate);
    }

    /** What a re-fetchable resource is. */
    public enum Kind {
        /** a DERProgram's DERControlList (§10.10) */
        DER_CONTROLS,
        /** a DemandResponseProgram's EndDeviceControlList (§10.3) */
        END_DEVICE_CONTROLS,
        /** a DERProgram's DefaultDERControl (§10.10) */
        DEFAULT_CONTROL,
        /** a DERProgramList: unchanged programs (href, mRID, primacy, links) need nothing more */
        DER_PROGRAMS,
        /** a DemandResponseProgramList, likewise */
        DR_PROGRAMS,
        /** the EndDevice's FunctionSetAssignmentsList (§6.4): re-walked from there, unchanged programs kept */
        FSA_LIST,
        /** the device's own EndDevice (§8.2): its links compared with the walk's, a full walk only when they changed */
        END_DEVICE,
        /** a DERProgram's DERCurveList (§10.10): signature = how many curves it held; a notification walks fully */
        CURVES
    }

    /** The FunctionSetAssignmentsList the walk read, or null. */
    public String functionSetAssignmentsHref() {
        for (Map.Entry<String, Target> e : targets.entrySet()) {
            if (e.getValue().kind() == Kind.FSA_LIST) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * @param kind        what the resource is
     * @param programHref the program it belongs to (null for a program list)
     * @param signature   for a program list: its programs as the walk read them ({@link TargetedRefetch#derSignature});
     *                    for the EndDevice: its links; for a DERCurveList: its size
     * @param pollRate    for a list: the pollRate its head advertised (s), else {@link Long#MAX_VALUE}
     */
    public record Target(Kind kind, String programHref, String signature, long pollRate) {
        /** A target inside one program. */
        public Target(Kind kind, String programHref) {
            this(kind, programHref, null, Long.MAX_VALUE);
        }
    }

    /** Device-data links found on the way (each null when the server offers none). */
    public record DeviceLinks(String derList, String logEventList, String deviceInformation, String powerStatus,
                              String mirrorUsagePointList) {
    }
}
