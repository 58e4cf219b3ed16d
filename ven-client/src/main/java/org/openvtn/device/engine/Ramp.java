package org.openvtn.device.engine;

/**
 * The ramp the device must apply when it moves to an effective control's value (IEEE 2030.5-2018 §10.10,
 * sep.xsd): the {@code rampTms} of the DERControl in force (DERControlBase: "Requested ramp time, in hundredths of
 * a second, for the device to transition from the current DERControl mode setting(s) to the new mode setting(s).
 * If absent, use default ramp rate (setGradW)"), else the default ramp rate {@code setGradW} of the
 * DefaultDERControl in force (hundredths of a percent of setMaxW per second; 0 = no limit; "When present, this
 * value SHALL update the value of the corresponding setting (DERSettings::setGradW)"), else the device's own
 * DERSettings.setGradW. docs/device-engine.md "Ramp" gives the order.
 *
 * @param kind   which element the value comes from
 * @param value  the element's value as transmitted (UInt16): hundredths of a second for {@link Kind#RAMP_TMS},
 *               hundredths of a percent of setMaxW per second for the gradients
 * @param origin the event's href for {@link Kind#RAMP_TMS}, {@code "default:" + programHref} for
 *               {@link Kind#DEFAULT_GRAD_W}, {@code "settings"} for {@link Kind#SETTINGS_GRAD_W}
 */
public record Ramp(Kind kind, int value, String origin) {

    /** The origin of a DERSettings.setGradW ramp. */
    public static final String SETTINGS = "settings";

    /** Where a ramp comes from, in the order IEEE 2030.5-2018 applies them. */
    public enum Kind {
        /** DERControlBase.rampTms of the event in force: a ramp time, hundredths of a second. */
        RAMP_TMS("rampTms"),
        /** DefaultDERControl.setGradW: a gradient, hundredths of a percent of setMaxW per second. */
        DEFAULT_GRAD_W("setGradW"),
        /** DERSettings.setGradW of the device: a gradient, hundredths of a percent of setMaxW per second. */
        SETTINGS_GRAD_W("setGradW");

        private final String element;

        Kind(String element) {
            this.element = element;
        }

        /** The sep.xsd element the value comes from ("rampTms" or "setGradW"). */
        public String element() {
            return element;
        }
    }
}
