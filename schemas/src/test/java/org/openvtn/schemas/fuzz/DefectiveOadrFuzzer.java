package org.openvtn.schemas.fuzz;

import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlCodecException;

/**
 * A deliberately defective double of a message handler: it fails with a NullPointerException on every oadrPoll, as a
 * handler that forgets a null check would. {@link CodecFuzzIT} proves the fuzzing harness reports it (teeth).
 */
public final class DefectiveOadrFuzzer {
    private static final OadrCodec CODEC = OadrCodec.create(new PublishedSchemas());

    private DefectiveOadrFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        Object message;
        try {
            message = CODEC.decodeMessage(input);
        } catch (XmlCodecException refused) {
            return;
        }
        if (message.getClass().getSimpleName().equals("OadrPollType")) {
            String venId = null;
            venId.length();
        }
    }
}
