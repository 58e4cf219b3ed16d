package org.openvtn.schemas.fuzz;

import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlCodecException;

/**
 * Jazzer target: any bytes into the OpenADR 2.0b codec, as a VTN or VEN receives them (issue #12, fuzzing). The only
 * allowed outcome besides success is {@link XmlCodecException} (a clear refusal); a document it accepts must encode
 * again, schema-valid. Anything else (NullPointerException, ClassCastException, StackOverflowError, OutOfMemoryError,
 * a JAXB or parser exception leaking) is a finding.
 */
public final class OadrPayloadFuzzer {
    private static final OadrCodec CODEC = OadrCodec.create(new PublishedSchemas());

    private OadrPayloadFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] input) throws XmlCodecException {
        Object message;
        try {
            message = CODEC.decodeMessage(input);
        } catch (XmlCodecException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new IllegalStateException("a refusal without a message", refused);
            }
            return;
        }
        CODEC.encodePayload(message);
    }
}
