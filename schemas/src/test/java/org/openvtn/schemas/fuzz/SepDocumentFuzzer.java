package org.openvtn.schemas.fuzz;

import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;

/**
 * Jazzer target: any bytes into the IEEE 2030.5 codec (issue #12, fuzzing). Only {@link XmlCodecException} may
 * refuse; an accepted resource must encode again, schema-valid; anything else is a finding.
 */
public final class SepDocumentFuzzer {
    private static final SepCodec CODEC = SepCodec.create(new PublishedSchemas());

    private SepDocumentFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] input) throws XmlCodecException {
        Object resource;
        try {
            resource = CODEC.decode(input);
        } catch (XmlCodecException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new IllegalStateException("a refusal without a message", refused);
            }
            return;
        }
        CODEC.encode(resource);
    }
}
