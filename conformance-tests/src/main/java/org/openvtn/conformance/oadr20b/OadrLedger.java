package org.openvtn.conformance.oadr20b;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.RuleViolation;

/**
 * What the suite has seen of one target over a run, for the rules that compare messages: the vtnID and,
 * per eventID, the last modificationNumber with the event's content.
 *
 * <p>Interpretation of conformance rule 5 for a pull VEN: between two polls a VTN may have modified an event
 * several times, so the suite cannot demand exactly +1 between two observations. It demands: the number never
 * decreases; unchanged content keeps the number; changed content (or a cancellation) raises it. Cases that made
 * exactly one change themselves check the exact +1.
 */
public final class OadrLedger {

    private record Seen(long modificationNumber, String content, String status) {
    }

    private final Map<String, Seen> events = new HashMap<>();
    private String vtnId;

    /** Records a vtnID; a violation if it is empty or differs from the first one of the run. */
    public synchronized Optional<RuleViolation> vtnId(String id, String element) {
        if (id == null || id.isEmpty()) {
            return Optional.of(RuleViolation.must(OadrRules.VTN_ID_CONSISTENT, element, "vtnID is empty"));
        }
        if (vtnId == null) {
            vtnId = id;
            return Optional.empty();
        }
        return vtnId.equals(id) ? Optional.empty() : Optional.of(RuleViolation.must(OadrRules.VTN_ID_CONSISTENT,
                element, "vtnID '" + id + "' differs from '" + vtnId + "' seen earlier in this run"));
    }

    /** The vtnID seen first in this run, or null. */
    public synchronized String vtnId() {
        return vtnId;
    }

    /** Records one observation of an event; a violation if it breaks rule 5 against the previous one. */
    public synchronized Optional<RuleViolation> observe(String eventId, long modificationNumber, String content,
                                                        String status, String element) {
        Seen before = events.get(eventId);
        if (before == null || modificationNumber > before.modificationNumber) {
            events.put(eventId, new Seen(modificationNumber, content, status));
            return Optional.empty();
        }
        if (modificationNumber < before.modificationNumber) {
            return Optional.of(RuleViolation.must(OadrRules.MOD_INCREMENTS, element, "event " + eventId
                    + ": modificationNumber went down from " + before.modificationNumber + " to " + modificationNumber));
        }
        if (!content.equals(before.content)) {
            events.put(eventId, new Seen(modificationNumber, content, status));
            return Optional.of(RuleViolation.must(OadrRules.MOD_INCREMENTS, element, "event " + eventId
                    + ": content changed but modificationNumber stayed " + modificationNumber));
        }
        if ("cancelled".equals(status) && !"cancelled".equals(before.status)) {
            events.put(eventId, new Seen(modificationNumber, content, status));
            return Optional.of(RuleViolation.must(OadrRules.MOD_INCREMENTS, element, "event " + eventId
                    + ": cancelled but modificationNumber stayed " + modificationNumber));
        }
        return Optional.empty();
    }

    /** Every eventID seen so far. */
    public synchronized java.util.Set<String> eventIds() {
        return java.util.Set.copyOf(events.keySet());
    }

    /** The last modificationNumber seen for an event, if any. */
    public synchronized Optional<Long> modificationNumber(String eventId) {
        return Optional.ofNullable(events.get(eventId)).map(Seen::modificationNumber);
    }
}
