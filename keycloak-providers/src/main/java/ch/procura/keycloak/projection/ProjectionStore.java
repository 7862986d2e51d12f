package ch.procura.keycloak.projection;

import java.util.List;

/**
 * What the projection-state endpoint reads from Keycloak's storage, one realm's rows at a time. Every
 * method takes at most {@link ProjectionStateQuery#CHUNK_SIZE} ids and answers only rows of the
 * store's realm; ids it does not know are ignored.
 */
interface ProjectionStore {

    /** A realm group (not an organization's internal group). {@code parentId} as stored. */
    record GroupRow(String id, String name, String parentId) {
    }

    /** One value of one group attribute. */
    record AttributeRow(String groupId, String name, String value) {
    }

    /** A client role mapped directly on a group; {@code clientId} is the client's public id. */
    record ClientRoleRow(String groupId, String clientId, String role) {
    }

    /** A user's direct membership of a group. */
    record MembershipRow(String groupId, String userId) {
    }

    record UserRow(String id, String email, String firstName, String lastName) {
    }

    List<GroupRow> groups(List<String> groupIds);

    List<AttributeRow> attributes(List<String> groupIds);

    List<ClientRoleRow> clientRoles(List<String> groupIds);

    List<MembershipRow> memberships(List<String> groupIds);

    List<UserRow> users(List<String> userIds);

    /** The direct memberships of the given users, of realm groups (type 0) only. */
    List<MembershipRow> groupsOfUsers(List<String> userIds);

    /** The realm groups (type 0) of this realm directly under the given groups. */
    List<GroupRow> children(List<String> parentIds);
}
