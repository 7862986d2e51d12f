package ch.procura.keycloak.projection;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The answers both projection endpoints share: refusals and OAuth-style errors, never cached. */
final class ProjectionResponses {

    private ProjectionResponses() {
    }

    /** 401 or 403 for a caller the access check refused; {@code null} when it was allowed. */
    static Response refusal(RealmManagementAccess.Outcome outcome, RealmModel realm, String role) {
        return switch (outcome.decision()) {
            case UNAUTHENTICATED -> error(Response.Status.UNAUTHORIZED, "invalid_token", "a valid bearer token of this realm is required")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm.getName() + "\"")
                    .build();
            case FORBIDDEN -> error(Response.Status.FORBIDDEN, "insufficient_scope", "requires the realm-management role " + role)
                    .build();
            case ALLOWED -> null;
        };
    }

    /** The refusal for a caller without `role` of realm-management in the request's realm; {@code null} when allowed. */
    static Response refusal(KeycloakSession session, RealmModel realm, String role) {
        return refusal(RealmManagementAccess.decide(session, realm, role), realm, role);
    }

    static Response.ResponseBuilder error(Response.Status status, String error, String description) {
        return Response.status(status)
                .entity(ProjectionStateJson.error(error, description))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    static Response json(byte[] body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
