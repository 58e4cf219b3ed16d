package org.openvtn.oadr20b.http;

import org.openvtn.schemas.oadr20b.OadrCancelOptType;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCanceledOptType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrCreatedOptType;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;
import org.openvtn.schemas.oadr20b.OadrUpdatedReportType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;

/**
 * The requestID and venID of a decoded OpenADR 2.0b message, read with the typed JAXB getters of each message of
 * the oadrSignedObject choice (OpenADR 2.0b Profile Specification, schema oadr_20b.xsd): what an error answer echoes.
 */
final class OadrMessageIds {

    private OadrMessageIds() {
    }

    /** requestID of any 2.0b message that has one (directly or in its eiResponse), else "". */
    static String requestIdOf(Object message) {
        if (message == null) {
            return "";
        }
        String direct = ownRequestId(message);
        if (direct != null) {
            return direct;
        }
        if (message instanceof OadrRequestEventType m && m.getEiRequestEvent() != null) {
            String id = m.getEiRequestEvent().getRequestID();
            return id != null ? id : "";
        }
        EiResponseType r = message instanceof OadrCreatedEventType m && m.getEiCreatedEvent() != null
                ? m.getEiCreatedEvent().getEiResponse() : eiResponse(message);
        return r != null ? r.getRequestID() : "";
    }

    /** venID of any 2.0b message that carries one, else null. */
    static String venIdOf(Object message) {
        String v = ownVenId(message);
        if (v != null) {
            return v;
        }
        if (message instanceof OadrRequestEventType m && m.getEiRequestEvent() != null) {
            return m.getEiRequestEvent().getVenID();
        }
        if (message instanceof OadrCreatedEventType m && m.getEiCreatedEvent() != null) {
            return m.getEiCreatedEvent().getVenID();
        }
        return null;
    }

    private static String ownRequestId(Object message) {
        if (message instanceof OadrCancelOptType m) {
            return m.getRequestID();
        } else if (message instanceof OadrCancelPartyRegistrationType m) {
            return m.getRequestID();
        } else if (message instanceof OadrCancelReportType m) {
            return m.getRequestID();
        } else if (message instanceof OadrCreateOptType m) {
            return m.getRequestID();
        } else if (message instanceof OadrCreatePartyRegistrationType m) {
            return m.getRequestID();
        } else if (message instanceof OadrCreateReportType m) {
            return m.getRequestID();
        } else if (message instanceof OadrDistributeEventType m) {
            return m.getRequestID();
        } else if (message instanceof OadrQueryRegistrationType m) {
            return m.getRequestID();
        } else if (message instanceof OadrRegisterReportType m) {
            return m.getRequestID();
        } else if (message instanceof OadrUpdateReportType m) {
            return m.getRequestID();
        }
        return null;
    }

    private static EiResponseType eiResponse(Object message) {
        if (message instanceof OadrCanceledOptType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrCanceledPartyRegistrationType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrCanceledReportType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrCreatedOptType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrCreatedPartyRegistrationType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrCreatedReportType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrDistributeEventType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrRegisteredReportType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrResponseType m) {
            return m.getEiResponse();
        } else if (message instanceof OadrUpdatedReportType m) {
            return m.getEiResponse();
        }
        return null;
    }

    private static String ownVenId(Object message) {
        if (message instanceof OadrCancelOptType m) {
            return m.getVenID();
        } else if (message instanceof OadrCancelPartyRegistrationType m) {
            return m.getVenID();
        } else if (message instanceof OadrCancelReportType m) {
            return m.getVenID();
        } else if (message instanceof OadrCanceledPartyRegistrationType m) {
            return m.getVenID();
        } else if (message instanceof OadrCreateOptType m) {
            return m.getVenID(); // inherited from EiOptType
        } else if (message instanceof OadrCanceledReportType m) {
            return m.getVenID();
        } else if (message instanceof OadrCreatePartyRegistrationType m) {
            return m.getVenID();
        } else if (message instanceof OadrCreateReportType m) {
            return m.getVenID();
        } else if (message instanceof OadrCreatedPartyRegistrationType m) {
            return m.getVenID();
        } else if (message instanceof OadrCreatedReportType m) {
            return m.getVenID();
        } else if (message instanceof OadrPollType m) {
            return m.getVenID();
        } else if (message instanceof OadrRegisterReportType m) {
            return m.getVenID();
        } else if (message instanceof OadrRegisteredReportType m) {
            return m.getVenID();
        } else if (message instanceof OadrRequestReregistrationType m) {
            return m.getVenID();
        } else if (message instanceof OadrResponseType m) {
            return m.getVenID();
        } else if (message instanceof OadrUpdateReportType m) {
            return m.getVenID();
        } else if (message instanceof OadrUpdatedReportType m) {
            return m.getVenID();
        }
        return null;
    }
}
