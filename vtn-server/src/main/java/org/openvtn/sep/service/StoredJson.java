package org.openvtn.sep.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON text form in which operator definitions (tariffs, rate components) are stored. */
final class StoredJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredJson() {
    }

    /** @return the stored text of a definition record */
    static String write(Object definition) {
        try {
            return JSON.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the definition of a stored text; {@code what} names it in the error */
    static <T> T read(String text, Class<T> type, String what) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + what + " unreadable: " + e.getMessage(), e);
        }
    }
}
