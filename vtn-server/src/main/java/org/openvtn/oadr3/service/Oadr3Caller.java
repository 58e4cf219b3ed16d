package org.openvtn.oadr3.service;

import java.util.Set;

/**
 * Who calls the 3.1 API, from the verified access token: the token's subject (the OAuth2 client_id, which the
 * definition stores as {@code clientID} on VENs, resources, reports and subscriptions) and its scopes.
 *
 * @param clientId the token subject
 * @param role     {@link Oadr3Roles#BL} or {@link Oadr3Roles#VEN}
 * @param scopes   the scopes of openadr3.yaml {@code securitySchemes.oAuth2ClientCredentials} the token carries
 */
public record Oadr3Caller(String clientId, String role, Set<String> scopes) {
    public Oadr3Caller {
        scopes = Set.copyOf(scopes);
    }

    /** @return true for a business-logic client (scope {@code read_all}: it reads every object) */
    public boolean readsAll() {
        return scopes.contains(Oadr3Roles.READ_ALL);
    }

    /**
     * @param scope the scope an operation's {@code security} entry names
     * @throws Oadr3Exception 403 when the token lacks it ({@code read_all} stands for both read scopes)
     */
    public void require(String scope) {
        boolean read = scope.equals(Oadr3Roles.READ_TARGETS) || scope.equals(Oadr3Roles.READ_VEN_OBJECTS);
        if (!scopes.contains(scope) && !(read && readsAll())) {
            throw Oadr3Exception.forbidden("the token lacks scope " + scope);
        }
    }
}
