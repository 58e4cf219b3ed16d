package org.openvtn.oadr3.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored OpenADR 3.1 object (table {@code oadr3_objects}, migration V10): its type (the 3.1 {@code objectTypes}
 * enumeration: VEN, RESOURCE, REPORT, SUBSCRIPTION, and PROGRAM / EVENT for the 3.1-only fields of core objects), the
 * VTN-assigned id, the owning client, the parent (a resource's VEN, a report's event), a unique name where the
 * definition asks for one (venName), and the JSON body as served.
 *
 * @param coreModification the core event's modificationNumber the body was written for (EVENT only), else null
 */
public record Oadr3Object(String type, String id, String clientId, String parentId, String name,
                          Long coreModification, String body, Instant createdAt, Instant modifiedAt) {
    public Oadr3Object {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
    }
}
