package org.openvtn.sep.service;

import java.util.HexFormat;
import org.openvtn.schemas.sep.MRIDType;

/**
 * The server's mRIDs (IEEE 2030.5-2018 §6.1 IdentifiedObject.mRID; sep.xsd {@code mRIDType}: "the least
 * significant 32 bits ... contain the IANA Private Enterprise Number of the entity issuing the mRID"): 96 bits
 * derived from a stable key (the first 12 bytes of its SHA-256, so the same core object keeps its mRID) followed by
 * the operator's PEN as an unsigned 32-bit big-endian number.
 *
 * @param pen the IANA Private Enterprise Number of the operator issuing the mRIDs (0..4294967295)
 */
public record SepMrids(long pen) {

    /**
     * Placeholder PEN used when the operator sets none: 32473, the number IANA reserves for documentation and
     * examples (RFC 5612). Operators set their own registered PEN.
     */
    public static final long PLACEHOLDER_PEN = 32473;

    public SepMrids {
        if (pen < 0 || pen > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("pen: must be 0..4294967295, was " + pen);
        }
    }

    /** @return mRIDs with the {@link #PLACEHOLDER_PEN} */
    public static SepMrids placeholder() {
        return new SepMrids(PLACEHOLDER_PEN);
    }

    /** @return the 16-byte mRID of a stable key, ending with the PEN */
    public byte[] of(String key) {
        byte[] m = SepPaths.mrid(key);
        m[12] = (byte) (pen >>> 24);
        m[13] = (byte) (pen >>> 16);
        m[14] = (byte) (pen >>> 8);
        m[15] = (byte) pen;
        return m;
    }

    /** @return the mRID as 32 upper-case hex digits (the last path segment of a control's href) */
    public String hex(String key) {
        return HexFormat.of().withUpperCase().formatHex(of(key));
    }

    /** @return the mRID as the schema type */
    public MRIDType type(String key) {
        MRIDType m = new MRIDType();
        m.setValue(of(key));
        return m;
    }
}
