package org.openvtn.core;

import java.util.List;
import java.util.Optional;

/**
 * Enrolment of participants (issue #12 item 5): whether a certificate that passed TLS may take part, under the
 * {@link EnrolmentPolicy} of the listener it came through, and the operator's actions (provision, approve, revoke).
 */
public interface ParticipantService {

    /** What a caller may do now. */
    enum Admission {
        /** Takes part normally. */
        ADMITTED,
        /** Registered or registering, awaiting approval: may manage its registration, receives nothing. */
        PENDING,
        /** Refused: OpenADR 463, 2030.5 403. */
        REFUSED
    }

    /**
     * Decides for a caller; under {@link EnrolmentPolicy#APPROVE} an unknown caller is recorded as pending.
     * Revoked participants are refused under every policy.
     */
    Admission admit(ParticipantId id, EnrolmentPolicy policy);

    /** @return every participant with that state (all when null), by id */
    List<Participant> list(Participant.State state);

    Optional<Participant> find(ParticipantId id);

    /** Operator: allows a certificate ahead of time (approved), or approves it again after a revoke. */
    Participant provision(ParticipantId id, String label);

    /**
     * Operator: {@link #provision} for many certificates in one transaction (bulk pre-registration, issue #19); a
     * participant already approved keeps its label.
     */
    void provisionAll(java.util.Collection<ParticipantId> ids, String label);

    /**
     * Operator: approves a known participant; an OpenADR VEN with an active registration is asked to register
     * again (oadrRequestReregistration on its next poll) so it repeats report registration and gets its events.
     *
     * @throws VtnException 452 naming {@code id} when the participant is unknown
     */
    Participant approve(ParticipantId id);

    /**
     * Operator: refuses a participant from now on (known or not); an OpenADR VEN's active registration is
     * cancelled.
     */
    Participant revoke(ParticipantId id);
}
