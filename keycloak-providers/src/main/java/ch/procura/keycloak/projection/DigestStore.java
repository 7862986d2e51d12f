package ch.procura.keycloak.projection;

import ch.procura.keycloak.projection.ProjectionStore.AttributeRow;
import ch.procura.keycloak.projection.ProjectionStore.ClientRoleRow;
import ch.procura.keycloak.projection.ProjectionStore.GroupRow;
import ch.procura.keycloak.projection.ProjectionStore.MembershipRow;
import ch.procura.keycloak.projection.ProjectionStore.UserRow;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the digest endpoint reads (decision 0061): the whole realm at once, since a full reconcile
 * compares everything; rows are handed over as they come, so that a realm of dataset L's size is
 * never held in memory row by row.
 */
interface DigestStore {

    /** The realm groups (type 0) of this realm. */
    List<GroupRow> realmGroups();

    void realmUsers(Consumer<UserRow> each);

    void realmAttributes(Consumer<AttributeRow> each);

    /** Client roles mapped on the realm's groups (realm roles left out). */
    void realmClientRoles(Consumer<ClientRoleRow> each);

    void realmMemberships(Consumer<MembershipRow> each);
}
