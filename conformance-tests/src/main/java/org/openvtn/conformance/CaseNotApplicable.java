package org.openvtn.conformance;

/**
 * Thrown by a case that finds, from the target's own answers, that the requirement under test does not apply (e.g.
 * the MQTT notifier cases of {@code oadr31-vtn} when {@code GET /notifiers} offers no MQTT binding): the row ends
 * NOT_APPLICABLE with the reason, unless a MUST violation was recorded before.
 */
public final class CaseNotApplicable extends RuntimeException {

    public CaseNotApplicable(String reason) {
        super(reason, null, false, false);
    }
}
