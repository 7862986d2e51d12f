package ch.procura.keycloak.claims;

import static ch.procura.keycloak.claims.GroupFacts.ID;
import static ch.procura.keycloak.claims.GroupFacts.KIND_GRANT;
import static ch.procura.keycloak.claims.GroupFacts.KIND_MANDATE;
import static ch.procura.keycloak.claims.GroupFacts.KIND_ORGANIZATION;
import static ch.procura.keycloak.claims.GroupFacts.KIND_ROLE;
import static ch.procura.keycloak.claims.GroupFacts.KIND_UNIT;
import static ch.procura.keycloak.claims.GroupFacts.ORGANIZATION;
import static ch.procura.keycloak.claims.GroupFacts.ROLE;
import static ch.procura.keycloak.claims.GroupFacts.UNIT;
import static ch.procura.keycloak.claims.GroupFacts.VIA;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the groups the sync-service projects into views for {@link OrganizationClaims}.
 *
 * <p>The attributes say for whom a group speaks, and the tree must agree with them: a grant, role
 * or mandate group whose top-level group is not the organization group it names, or whose parent
 * contradicts its {@code procura.unit} or {@code procura.via}, is ignored (empty result) rather than
 * trusted. A half-applied re-keying or a bug in the projection then loses a right for a moment
 * instead of showing it for the wrong organization.
 */
public final class GroupViews {

    private GroupViews() {
    }

    /**
     * The grant a group gives on the client with internal id {@code clientId}: only that client's
     * roles mapped directly onto a group of kind {@code grant} count, never a realm role, another
     * client's role, or a role inherited from anything else.
     */
    public static Optional<GrantView> grant(GroupFacts group, Collection<RoleMapping> mappings, String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        if (!group.is(KIND_GRANT)) {
            return Optional.empty();
        }
        List<String> rights = mappings.stream()
                .filter(mapping -> clientId.equals(mapping.clientId()))
                .map(RoleMapping::role)
                .toList();
        String organization = group.attribute(ORGANIZATION);
        if (rights.isEmpty() || organization == null || !group.descendsFromOrganization(organization)) {
            return Optional.empty();
        }
        String unit = group.attribute(UNIT);
        String via = group.attribute(VIA);
        if (!placedWhereItSays(group.parent(), organization, unit, via)) {
            return Optional.empty();
        }
        return Optional.of(new GrantView(organization, unit, via, rights));
    }

    /**
     * The role a role group gives, or the delegation a mandate group gives; empty for other groups. A
     * grant under a mandate group also reads as that delegation: holding rights through a mandate
     * makes the holder one of its delegates, even when the projection only put them in the grant.
     */
    public static Optional<RoleView> role(GroupFacts group) {
        if (group.is(KIND_GRANT)) {
            return delegationThrough(group);
        }
        String organization = group.attribute(ORGANIZATION);
        boolean underItsOrganization = organization != null
                && group.parent() != null
                && group.parent().parent() == null
                && group.descendsFromOrganization(organization);
        if (!underItsOrganization) {
            return Optional.empty();
        }
        if (group.is(KIND_ROLE) && group.attribute(ROLE) != null) {
            return Optional.of(RoleView.membership(organization, group.attribute(ROLE)));
        }
        if (group.is(KIND_MANDATE) && group.attribute(VIA) != null) {
            return Optional.of(RoleView.delegation(organization, group.attribute(VIA)));
        }
        return Optional.empty();
    }

    private static Optional<RoleView> delegationThrough(GroupFacts grant) {
        String organization = grant.attribute(ORGANIZATION);
        String via = grant.attribute(VIA);
        boolean mandateGrant = organization != null && via != null
                && grant.parent() != null && grant.parent().is(KIND_MANDATE)
                && grant.descendsFromOrganization(organization)
                && placedWhereItSays(grant.parent(), organization, grant.attribute(UNIT), via);
        return mandateGrant ? role(grant.parent()) : Optional.empty();
    }

    /**
     * A grant sits under its organization group (whole organization, no via), under the unit group it
     * is limited to (no via), or under the mandate group of its fiduciary (with or without a unit).
     */
    private static boolean placedWhereItSays(GroupFacts parent, String organization, String unit, String via) {
        if (parent == null) {
            return false;
        }
        if (parent.is(KIND_ORGANIZATION)) {
            return unit == null && via == null;
        }
        if (parent.is(KIND_UNIT)) {
            return via == null && unit != null && unit.equals(parent.attribute(ID))
                    && organization.equals(parent.attribute(ORGANIZATION));
        }
        if (parent.is(KIND_MANDATE)) {
            return via != null && via.equals(parent.attribute(VIA))
                    && organization.equals(parent.attribute(ORGANIZATION));
        }
        return false;
    }
}
