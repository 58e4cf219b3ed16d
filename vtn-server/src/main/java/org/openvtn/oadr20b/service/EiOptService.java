package org.openvtn.oadr20b.service;

import org.openvtn.schemas.oadr20b.OadrCancelOptType;
import org.openvtn.schemas.oadr20b.OadrCanceledOptType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatedOptType;

/** EiOpt (OpenADR 2.0b 8.5). */
public interface EiOptService {
    /** oadrCreateOpt: event-scoped opt or availability schedule (P1_2010, P1_2015, P1_2020). */
    OadrCreatedOptType createOpt(OadrCaller caller, OadrCreateOptType request);

    /** oadrCancelOpt; 452 for an unknown optID (P1_2040, P1_2050). */
    OadrCanceledOptType cancelOpt(OadrCaller caller, OadrCancelOptType request);
}
