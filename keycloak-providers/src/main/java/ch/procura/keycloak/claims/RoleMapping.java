package ch.procura.keycloak.claims;

/**
 * One role mapped directly onto a group.
 *
 * @param clientId internal id of the client owning the role, or {@code null} for a realm role
 * @param role     the role's name
 */
public record RoleMapping(String clientId, String role) {

    /** A role of the client with internal id {@code clientId}. */
    public static RoleMapping clientRole(String clientId, String role) {
        return new RoleMapping(clientId, role);
    }

    /** A realm role, which is never a right. */
    public static RoleMapping realmRole(String role) {
        return new RoleMapping(null, role);
    }
}
