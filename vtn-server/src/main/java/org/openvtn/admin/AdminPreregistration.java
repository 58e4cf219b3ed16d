package org.openvtn.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.openvtn.admin.api.PreregisteredJson;
import org.openvtn.admin.api.PreregistrationInput;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.Protocol;
import org.openvtn.core.Registration;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.RegistrationService;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.VtnCore;

/**
 * {@code POST /vens/preregister} (issues #18/#19): the operator registers OpenADR 2.0b VENs by certificate
 * fingerprint ahead of their first contact, up to {@link PreregistrationInput#MAX_VENS} per request, for fleets too
 * large to register one handshake at a time and for provisioning utilities. Each VEN is provisioned (approved, as
 * {@code POST /participants}) and gets the records its own oadrCreatePartyRegistration would make, nothing more: pull
 * model, no groups, no push address. Repeating a request changes nothing already in place.
 */
final class AdminPreregistration {
    private final VtnCore core;

    AdminPreregistration(VtnCore core) {
        this.core = core;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.post("/vens/preregister", c -> preregister(c.body(PreregistrationInput.class))));
    }

    private List<PreregisteredJson> preregister(PreregistrationInput in) {
        List<PreregistrationInput.Ven> vens = in.vens();
        if (vens == null || vens.isEmpty() || vens.size() > PreregistrationInput.MAX_VENS) {
            throw VtnException.invalidData("vens", "vens: 1 to " + PreregistrationInput.MAX_VENS
                    + " VENs per request, was " + (vens == null ? 0 : vens.size()));
        }
        List<RegistrationRequest> requests = new ArrayList<>(vens.size());
        Set<ParticipantId> ids = new LinkedHashSet<>();
        for (PreregistrationInput.Ven v : vens) {
            if (v == null || v.fingerprint() == null) {
                throw VtnException.invalidData("fingerprint", "every VEN needs its certificate fingerprint");
            }
            ParticipantId id = ParticipantId.oadr(v.fingerprint().strip());
            if (!ids.add(id)) {
                throw VtnException.invalidData("fingerprint", "fingerprint " + id.id() + " is given twice");
            }
            String venId = blankToNull(v.venId());
            if (venId != null) {
                try {
                    ParticipantId.checkVenId(venId);
                } catch (VtnException e) {
                    throw AdminHandler.error(400, "venId", e.getMessage());
                }
            }
            requests.add(new RegistrationRequest(id.id(), venId, null, v.venName(), Protocol.OADR20B,
                    Registration.OadrTerms.pull(), null));
        }
        List<RegistrationService.Preregistered> done;
        try {
            done = core.registrations().preregister(requests);
        } catch (VtnException e) {
            // a venID of another certificate, or a certificate registered under another venID: nothing stored
            throw AdminHandler.error(409, e.field(), e.getMessage());
        }
        core.participants().provisionAll(ids, null);
        return done.stream().map(p -> new PreregisteredJson(p.registration().fingerprint(),
                p.registration().participantId(), p.registration().registrationId(), p.created())).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
