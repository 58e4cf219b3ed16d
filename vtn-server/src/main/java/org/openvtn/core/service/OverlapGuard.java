package org.openvtn.core.service;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.openvtn.core.Event;
import org.openvtn.core.EventOverlapException;
import org.openvtn.core.EventSpec;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Program;
import org.openvtn.core.Registration;
import org.openvtn.core.Targets;

/**
 * Enforces a program's {@link OverlapPolicy#REJECT} on event create and modify: OpenADR 2.0b conformance rule 18
 * (ported A-profile case A_E3_0490) — a VTN does not send one VEN overlapping events of one market context.
 * Interpretation (docs/openadr-20b.md "Overlapping events"):
 *
 * <ul>
 *   <li>an event occupies {@code [start, start + duration + randomizeStart)}: a VEN may begin up to
 *   {@code startafter} late and then runs the whole active period; rampUp and recovery are transitions around the
 *   nominal start and end and do not widen it; end points touch without overlapping;</li>
 *   <li>only other events of the same market context that are neither cancelled nor completed count;</li>
 *   <li>two events share a target when either addresses everyone, when they name a common venID, groupID,
 *   resourceID or partyID (whatever the membership), or when some known registration (active or not, since
 *   membership survives re-registration) is addressed by both.</li>
 * </ul>
 */
final class OverlapGuard {

    private OverlapGuard() {
    }

    /**
     * @param program       the program of the new or modified event
     * @param eventId       the event being modified ({@code null} on create), never compared with itself
     * @param spec          its new content
     * @param marketContext its market context
     * @param live          events whose nominal end is after now (not completed)
     * @param registrations every known registration
     * @throws EventOverlapException when the program rejects overlaps and {@code spec} overlaps one of {@code live}
     */
    static void check(Program program, String eventId, EventSpec spec, String marketContext, Collection<Event> live,
                      List<Registration> registrations) {
        if (program.overlap() != OverlapPolicy.REJECT) {
            return;
        }
        Instant from = spec.start();
        Instant to = spec.start().plus(spec.duration()).plus(spec.randomizeStart());
        for (Event other : live) {
            if (other.cancelled() || other.id().equals(eventId) || !other.marketContext().equals(marketContext)) {
                continue;
            }
            Instant otherTo = other.end().plus(other.spec().randomizeStart());
            if (from.isBefore(otherTo) && other.start().isBefore(to)
                    && commonTarget(spec.targets(), other.spec().targets(), registrations)) {
                throw new EventOverlapException(other.id(), "the event (" + from + " .. " + to
                        + ", randomization window included) overlaps event " + other.id() + " (" + other.start()
                        + " .. " + otherTo + ") of market context " + marketContext + " for a common target; program '"
                        + program.name() + "' rejects overlapping events (OpenADR 2.0b conformance rule 18)");
            }
        }
    }

    static boolean commonTarget(Targets a, Targets b, List<Registration> registrations) {
        if (a.all() || b.all() || intersects(a.participantIds(), b.participantIds())
                || intersects(a.groupIds(), b.groupIds()) || intersects(a.resourceIds(), b.resourceIds()) || intersects(a.partyIds(), b.partyIds())) {
            return true;
        }
        for (Registration r : registrations) {
            if (a.matches(r) && b.matches(r)) {
                return true;
            }
        }
        return false;
    }

    private static boolean intersects(Collection<String> a, Collection<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
