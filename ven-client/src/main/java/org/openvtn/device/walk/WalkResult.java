package org.openvtn.device.walk;

import java.util.List;

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
 */
public record WalkResult(String endDeviceHref, long serverTimeOffsetMs, int tzOffset, int dstOffset, long dstStart,
                         long dstEnd, long pollRate, List<ProgramView> programs, List<String> subscribable,
                         String subscriptionListHref, DeviceLinks links, int curves, List<String> watched,
                         java.util.Set<String> drPrograms) {

    /** Device-data links found on the way (each null when the server offers none). */
    public record DeviceLinks(String derList, String logEventList, String deviceInformation, String powerStatus,
                              String mirrorUsagePointList) {
    }
}
