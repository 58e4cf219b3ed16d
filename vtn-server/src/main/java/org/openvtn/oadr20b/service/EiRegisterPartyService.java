package org.openvtn.oadr20b.service;

import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;

/**
 * EiRegisterParty (OpenADR 2.0b 8.6). Methods throw {@link org.openvtn.core.VtnException} for a
 * rule violation; the transport turns it into the matching response with the code.
 */
public interface EiRegisterPartyService {
    /** oadrQueryRegistration: no IDs when unregistered (N1_0010), IDs and poll frequency when registered (N1_0015). */
    OadrCreatedPartyRegistrationType queryRegistration(OadrCaller caller, OadrQueryRegistrationType request);

    /** oadrCreatePartyRegistration, new or re-registration (N1_0020, N1_0060). */
    OadrCreatedPartyRegistrationType createPartyRegistration(OadrCaller caller, OadrCreatePartyRegistrationType request);

    /** VEN-initiated oadrCancelPartyRegistration; 452 for an unknown registrationID (N1_0030, N1_0070). */
    OadrCanceledPartyRegistrationType cancelPartyRegistration(OadrCaller caller, OadrCancelPartyRegistrationType request);

    /** The VEN's oadrCanceledPartyRegistration after a VTN-initiated cancel (N1_0040). */
    OadrResponseType canceledPartyRegistration(OadrCaller caller, OadrCanceledPartyRegistrationType request);

    /** The VEN's oadrResponse, e.g. to oadrRequestReregistration (N1_0050). */
    OadrResponseType response(OadrCaller caller, OadrResponseType request);
}
