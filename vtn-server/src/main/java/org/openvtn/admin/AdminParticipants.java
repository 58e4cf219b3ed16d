package org.openvtn.admin;

import java.util.List;
import org.openvtn.admin.api.ParticipantInput;
import org.openvtn.core.Participant;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.ParticipantService;
import org.openvtn.core.VtnException;

/**
 * Admin API of enrolment (issue #12 item 5; one namespace for both protocols, item 4): {@code /api/v1/participants}.
 * A participant's id is {@code oadr:<certificate fingerprint>} (OpenADR VEN) or {@code sep:<LFDI>} (2030.5 device).
 * <ul>
 *   <li>{@code GET /participants[?state=pending|approved|revoked]}: list;</li>
 *   <li>{@code POST /participants} {@code {"fingerprint"|"lfdi"|"id": ..., "label": ...}}: provision (approved);</li>
 *   <li>{@code GET /participants/{id}}; {@code POST /participants/{id}/approve}; {@code POST /participants/{id}/revoke}
 *       (refused from now on; an OpenADR VEN's registration is cancelled).</li>
 * </ul>
 */
final class AdminParticipants {
    private final ParticipantService participants;

    AdminParticipants(ParticipantService participants) {
        this.participants = participants;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/participants", c -> {
                    String state = c.query("state");
                    return participants.list(state == null ? null : Participant.State.parse(state)).stream()
                            .map(AdminViews::participant).toList();
                }),
                AdminRoute.create("/participants", c -> {
                    ParticipantInput b = c.body(ParticipantInput.class);
                    return AdminViews.participant(participants.provision(idOf(b), b.label()));
                }),
                AdminRoute.get("/participants/{participantId}", c -> {
                    ParticipantId id = ParticipantId.parse(c.param("participantId"));
                    return AdminViews.participant(participants.find(id)
                            .orElseThrow(() -> VtnException.invalidId("id", "unknown participant " + id)));
                }),
                AdminRoute.post("/participants/{participantId}/approve", c -> AdminViews.participant(
                        participants.approve(ParticipantId.parse(c.param("participantId"))))),
                AdminRoute.post("/participants/{participantId}/revoke", c -> AdminViews.participant(
                        participants.revoke(ParticipantId.parse(c.param("participantId"))))));
    }

    private static ParticipantId idOf(ParticipantInput b) {
        String id = b.id();
        String fingerprint = b.fingerprint();
        String lfdi = b.lfdi();
        int given = (id == null ? 0 : 1) + (fingerprint == null ? 0 : 1) + (lfdi == null ? 0 : 1);
        if (given != 1) {
            throw VtnException.invalidData("id", "exactly one of fingerprint (OpenADR), lfdi (2030.5) or id is required");
        }
        return id != null ? ParticipantId.parse(id)
                : fingerprint != null ? ParticipantId.oadr(fingerprint) : ParticipantId.sep(lfdi);
    }
}
