package org.openvtn.certs.pki;

/**
 * Constants of the IEEE 2030.5 / CSIP certificate profile (IEEE 2030.5-2018 §6.11.8,
 * CSIP §5.2.x): policy OIDs under the 2030.5 arc 1.3.6.1.4.1.40732.
 */
public final class Csip {

    /** The IEEE 2030.5 private enterprise arc. */
    public static final String ARC = "1.3.6.1.4.1.40732";
    /** Device certificate policy (id-sep-cp-device, 1.1). */
    public static final String POLICY_DEVICE = ARC + ".1.1";
    /** Test certificate policy (2.1): every certificate this dev PKI issues is a test certificate. */
    public static final String POLICY_TEST = ARC + ".2.1";
    /**
     * Hardware type OID placed in the HardwareModuleName of generated device certificates. A
     * UUID-based OID (ITU-T X.667, arc 2.25) so it claims no one's enterprise number.
     */
    public static final String DEV_HARDWARE_TYPE = "2.25.170146327232413513549412431532436617983";

    private Csip() {
    }
}
