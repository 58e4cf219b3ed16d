package org.openvtn.admin.api;

import java.util.List;

/**
 * {@code POST /vens/preregister} (issue #19): OpenADR 2.0b VENs the operator registers ahead of their first contact,
 * at most {@link #MAX_VENS} per request.
 *
 * @param vens the VENs
 */
@ApiSchema("PreregistrationInput")
public record PreregistrationInput(List<Ven> vens) {
    /** Largest number of VENs in one request (a 256 KiB admin body holds about 1,500). */
    public static final int MAX_VENS = 1000;

    /**
     * One VEN.
     *
     * @param fingerprint its certificate fingerprint (SHA-256, colon-separated hex, as {@code GET /vens} shows it)
     * @param venId       its venID; omitted: the fingerprint, as for a VEN's own first registration
     * @param venName     its oadrVenName, may be null
     */
    @ApiSchema("PreregistrationVen")
    public record Ven(String fingerprint, String venId, String venName) {
    }
}
