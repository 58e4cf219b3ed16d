package org.openvtn.admin.api;

/**
 * One VEN of a {@code POST /vens/preregister} answer (issue #19), in request order.
 *
 * @param fingerprint    certificate fingerprint (normalised: upper case)
 * @param venId          venID
 * @param registrationId registrationID of its active registration
 * @param created        false when it was already registered under that venID (left unchanged)
 */
@ApiSchema("Preregistered")
public record PreregisteredJson(String fingerprint, String venId, String registrationId, boolean created) {
}
