/**
 * The admin REST API's JSON bodies ({@code /api/v1}) as records, bound by Jackson on the server and in the one
 * client, {@link org.openvtn.admin.api.AdminApiClient}: one record per request or response shape, named after its
 * OpenAPI schema by {@link org.openvtn.admin.api.ApiSchema}. Times are ISO-8601 strings as on the wire.
 */
package org.openvtn.admin.api;
