package org.openvtn.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.oadr3.http.Oadr3Schemas;
import org.openvtn.oadr3.service.Oadr3Exception;
import org.openvtn.oadr3.service.Oadr3Json;

/**
 * The published openadr3.yaml (OpenADR 3.1.0 OpenAPI, components/schemas) judges bodies: required fields,
 * {@code nullable}, the objectID pattern, the ISO 8601 duration pattern and RFC 3339 date-times.
 */
class Oadr3SchemasTest {
    static Oadr3Schemas schemas;

    @BeforeAll
    static void load() {
        schemas = Oadr3Schemas.load();
    }

    @Test
    void validEventRequestPasses() {
        var body = Oadr3Json.parse("""
                {"programID":"p-1","eventName":null,"targets":null,"intervalPeriod":{"start":"2030-01-01T00:00:00Z",
                 "duration":"PT1H"},"intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[1]}]}]}""");
        assertEquals(java.util.List.of(), schemas.errors("eventRequest", body));
    }

    @Test
    void missingProgramIdAndBadDurationAreRejected() {
        var body = Oadr3Json.parse("""
                {"intervalPeriod":{"duration":"one hour"},"intervals":[]}""");
        var errors = schemas.errors("eventRequest", body);
        assertTrue(errors.stream().anyMatch(e -> e.contains("programID")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("duration")), errors.toString());
        Oadr3Exception e = assertThrows(Oadr3Exception.class, () -> schemas.request("eventRequest", body));
        assertEquals(400, e.status());
    }

    @Test
    void badDateTimeAndObjectIdAreRejected() {
        assertFalse(schemas.errors("eventRequest", Oadr3Json.parse("""
                {"programID":"p-1","intervalPeriod":{"start":"tomorrow"}}""")).isEmpty());
        assertFalse(schemas.errors("eventRequest", Oadr3Json.parse("""
                {"programID":"not an id!"}""")).isEmpty());
    }

    @Test
    void venRequestIsOneOfBlOrVen() {
        assertEquals(java.util.List.of(), schemas.errors("venRequest", Oadr3Json.parse("""
                {"objectType":"VEN_VEN_REQUEST","venName":"ven-a"}""")));
        assertFalse(schemas.errors("venRequest", Oadr3Json.parse("""
                {"objectType":"BL_VEN_REQUEST","venName":"ven-a"}""")).isEmpty());
    }
}
