package ch.procura.keycloak.claims;

/**
 * One role or mandate group of the user: the role the user holds in an organization, or a
 * delegation to act for it through a fiduciary's mandate.
 *
 * @param organization identifier of the organization
 * @param role         the membership role ({@code legal_representative}, {@code deputy}, …), or
 *                     {@code null} for a delegation
 * @param via          identifier of the fiduciary, for a delegation; otherwise {@code null}
 */
public record RoleView(String organization, String role, String via) {

    public RoleView {
        organization = Text.required(organization, "organization");
        role = Text.orNull(role);
        via = Text.orNull(via);
        if ((role == null) == (via == null)) {
            throw new IllegalArgumentException("a role view is either a role or a delegation");
        }
    }

    /** The user's membership role in an organization. */
    public static RoleView membership(String organization, String role) {
        return new RoleView(organization, Text.required(role, "role"), null);
    }

    /** The user is a delegate on the mandate {@code via} holds for the organization. */
    public static RoleView delegation(String organization, String via) {
        return new RoleView(organization, null, Text.required(via, "via"));
    }
}
