package org.openvtn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
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
    private static final Set<String> FIELDS = Set.of("id", "fingerprint", "lfdi", "label");

    private final ParticipantService participants;

    AdminParticipants(ParticipantService participants) {
        this.participants = participants;
    }

    /**
     * @param seg   path segments after {@code /api/v1} (first is {@code participants})
     * @param state the {@code state} query parameter, may be null
     * @param body  the request body (read lazily)
     * @return the JSON result, or null when no route matches
     */
    JsonNode route(String method, List<String> seg, String state, Supplier<JsonNode> body) {
        if (seg.size() == 1 && method.equals("GET")) {
            ArrayNode a = AdminJson.MAPPER.createArrayNode();
            participants.list(state == null ? null : Participant.State.parse(state)).forEach(p -> a.add(json(p)));
            return a;
        }
        if (seg.size() == 1 && method.equals("POST")) {
            ObjectNode b = AdminJson.object(body.get(), "");
            AdminJson.onlyFields(b, FIELDS, "");
            return json(participants.provision(idOf(b), AdminJson.string(b, "label", "label", false)));
        }
        if (seg.size() < 2) {
            return null;
        }
        ParticipantId id = ParticipantId.parse(seg.get(1));
        if (seg.size() == 2 && method.equals("GET")) {
            return json(participants.find(id)
                    .orElseThrow(() -> VtnException.invalidId("id", "unknown participant " + id)));
        }
        if (seg.size() == 3 && method.equals("POST") && seg.get(2).equals("approve")) {
            return json(participants.approve(id));
        }
        if (seg.size() == 3 && method.equals("POST") && seg.get(2).equals("revoke")) {
            return json(participants.revoke(id));
        }
        return null;
    }

    private static ParticipantId idOf(ObjectNode b) {
        String id = AdminJson.string(b, "id", "id", false);
        String fingerprint = AdminJson.string(b, "fingerprint", "fingerprint", false);
        String lfdi = AdminJson.string(b, "lfdi", "lfdi", false);
        int given = (id == null ? 0 : 1) + (fingerprint == null ? 0 : 1) + (lfdi == null ? 0 : 1);
        if (given != 1) {
            throw VtnException.invalidData("id", "exactly one of fingerprint (OpenADR), lfdi (2030.5) or id is required");
        }
        return id != null ? ParticipantId.parse(id)
                : fingerprint != null ? ParticipantId.oadr(fingerprint) : ParticipantId.sep(lfdi);
    }

    static ObjectNode json(Participant p) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("id", p.id().toString());
        n.put("protocol", p.id().kind() == ParticipantId.Kind.OADR20B_VEN ? "openadr20b" : "ieee2030.5");
        n.put(p.id().kind() == ParticipantId.Kind.OADR20B_VEN ? "fingerprint" : "lfdi", p.id().id());
        n.put("state", p.state().wireName());
        if (p.label() != null) {
            n.put("label", p.label());
        }
        n.put("changedAt", p.changedAt().toString());
        return n;
    }
}
