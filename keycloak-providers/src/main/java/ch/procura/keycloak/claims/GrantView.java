package ch.procura.keycloak.claims;

import java.util.List;
import java.util.Objects;

/**
 * One grant group of the user, as the claim needs it: the rights it gives on the client the token
 * is issued to, and for whom.
 *
 * @param organization identifier of the organization the rights are exercised for (the client, for a mandate)
 * @param unit         uuid of the unit the rights are limited to, or {@code null} for the whole organization
 * @param via          identifier of the fiduciary whose mandate gives the rights, or {@code null}
 * @param rights       the client roles of the token's client mapped onto the group
 */
public record GrantView(String organization, String unit, String via, List<String> rights) {

    public GrantView {
        organization = Text.required(organization, "organization");
        unit = Text.orNull(unit);
        via = Text.orNull(via);
        rights = List.copyOf(Objects.requireNonNull(rights, "rights"));
    }
}
