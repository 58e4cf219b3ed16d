package org.openvtn.admin.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@code components/schemas} entry of the admin API's OpenAPI document that a DTO record is; the
 * record's components are the schema's properties (checked by {@code AdminOpenApiTest}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ApiSchema {
    /** @return the schema name in {@code #/components/schemas} */
    String value();
}
