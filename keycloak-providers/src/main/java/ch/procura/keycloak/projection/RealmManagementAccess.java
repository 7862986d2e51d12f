package ch.procura.keycloak.projection;

import jakarta.ws.rs.NotAuthorizedException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Who may call the projection endpoints: the bearer of a valid access token of this realm whose user
 * (the sync-service's service account) holds, now, the given {@code realm-management} client role
 * ({@code view-users} to read, {@code manage-users} to write), directly, through a composite role or
 * through a group. As with Keycloak's admin API, the user's roles are checked in Keycloak at each
 * request, not the roles written in the token: taking the role away takes effect at once.
 */
final class RealmManagementAccess {

    enum Decision { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    /** The decision, and who was authenticated when allowed (for admin events). */
    record Outcome(Decision decision, AuthResult auth) {
    }

    private RealmManagementAccess() {
    }

    static Outcome decide(KeycloakSession session, RealmModel realm, String role) {
        AuthResult auth;
        try {
            // Checks signature, issuer (this realm), expiry, type, and that user and session are valid.
            auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        } catch (NotAuthorizedException e) {
            return new Outcome(Decision.UNAUTHENTICATED, null); // an Authorization header that is not a bearer token
        }
        if (auth == null || auth.user() == null) {
            return new Outcome(Decision.UNAUTHENTICATED, null);
        }
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel required = realmManagement == null ? null : realmManagement.getRole(role);
        // hasRole: effective membership, composites and group mappings included.
        boolean allowed = required != null && auth.user().hasRole(required);
        return new Outcome(allowed ? Decision.ALLOWED : Decision.FORBIDDEN, allowed ? auth : null);
    }
}
