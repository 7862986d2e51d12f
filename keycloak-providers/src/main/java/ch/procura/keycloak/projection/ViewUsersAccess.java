package ch.procura.keycloak.projection;

import jakarta.ws.rs.NotAuthorizedException;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Who may read the projection state: the bearer of a valid access token of this realm whose user
 * (the sync-service's service account) holds, now, the {@code realm-management} client role
 * {@code view-users}, directly, through a composite role or through a group. As with Keycloak's
 * admin API, the user's roles are checked in Keycloak at each request, not the roles written in the
 * token: taking the role away takes effect at once.
 */
final class ViewUsersAccess {

    enum Decision { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

    private ViewUsersAccess() {
    }

    static Decision decide(KeycloakSession session, RealmModel realm) {
        AuthResult auth;
        try {
            // Checks signature, issuer (this realm), expiry, type, and that user and session are valid.
            auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        } catch (NotAuthorizedException e) {
            return Decision.UNAUTHENTICATED; // an Authorization header that is not a bearer token
        }
        if (auth == null || auth.user() == null) {
            return Decision.UNAUTHENTICATED;
        }
        ClientModel realmManagement = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel viewUsers = realmManagement == null ? null : realmManagement.getRole(AdminRoles.VIEW_USERS);
        // hasRole: effective membership, composites and group mappings included.
        return viewUsers != null && auth.user().hasRole(viewUsers) ? Decision.ALLOWED : Decision.FORBIDDEN;
    }
}
