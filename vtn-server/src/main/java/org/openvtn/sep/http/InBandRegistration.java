package org.openvtn.sep.http;

import java.util.HexFormat;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.sep.service.EndDeviceService;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.store.SepEndDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's in-band registration rule ({@link SepConfig#inBandRegistration}; CSIP-AUS S-OPT-01 "Discovery
 * Rejecting In-Band Registration"): with it off, a POST to the EndDeviceList may only name an EndDevice the caller
 * already sees (one the operator provisioned, answered as the duplicate it is: 409 + Location); anything else is
 * refused with 403 (Error reasonCode 1) and nothing is created.
 */
final class InBandRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(InBandRegistration.class);

    private InBandRegistration() {
    }

    /** @throws SepException 403 when registration is off and the posted EndDevice is not one the caller sees */
    static void check(boolean allowed, EndDeviceService endDevices, CertificateIdentity caller, EndDevice posted) {
        if (allowed) {
            return;
        }
        String lfdi = posted.getLFDI() == null ? null : HexFormat.of().withUpperCase().formatHex(posted.getLFDI());
        Long sfdi = posted.getSFDI() == null ? null : posted.getSFDI().getValue();
        for (SepEndDevice d : endDevices.visibleTo(caller)) {
            if (lfdi != null ? lfdi.equalsIgnoreCase(d.lfdi()) : sfdi != null && sfdi == d.sfdi()) {
                return;
            }
        }
        LOG.warn("2030.5 POST /edev from LFDI {} refused (403): in-band registration is off on this listener; the "
                + "operator provisions EndDevices (POST /api/v1/sep/devices)", caller.lfdi());
        throw SepException.forbidden("in-band registration is off");
    }
}
