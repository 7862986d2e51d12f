package ch.procura.keycloak.projection;

import java.util.List;
import java.util.Map;

/**
 * What {@code POST /realms/{realm}/procura/projection-state} answers: the groups and users asked for
 * that exist in the realm, each as the sync-service compares it with its model. Everything sorted.
 *
 * @param groups     by id
 * @param users      by id
 * @param userGroups for each user of the request's {@code groupsOfUserIds} who is a member of a
 *                   realm group, the ids of those groups; by user id
 * @param children   the realm groups directly under the request's {@code childrenOf} groups; by id
 */
public record ProjectionState(List<Group> groups, List<User> users, List<UserGroups> userGroups, List<Child> children) {

    public ProjectionState {
        groups = List.copyOf(groups);
        users = List.copyOf(users);
        userGroups = List.copyOf(userGroups);
        children = List.copyOf(children);
    }

    /** Groups and users, no user's groups asked. */
    public ProjectionState(List<Group> groups, List<User> users) {
        this(groups, users, List.of(), List.of());
    }

    /** Groups, users and users' groups, no children asked. */
    public ProjectionState(List<Group> groups, List<User> users, List<UserGroups> userGroups) {
        this(groups, users, userGroups, List.of());
    }

    /**
     * @param parentId    {@code null} at the top level
     * @param attributes  by name, each name's values sorted
     * @param clientRoles the client roles mapped directly on the group, by client then role
     * @param memberIds   the direct members' user ids, sorted
     */
    public record Group(String id, String name, String parentId, Map<String, List<String>> attributes,
                        List<ClientRole> clientRoles, List<String> memberIds) {
    }

    /** @param clientId the client's public id ({@code svc-employer-inbox}), not its internal uuid */
    public record ClientRole(String clientId, String role) {
    }

    /** Names and e-mail as stored; any of them may be {@code null}. */
    public record User(String id, String email, String firstName, String lastName) {
    }

    /** A subgroup of an asked group: its id, name and parent only. */
    public record Child(String id, String name, String parentId) {
    }

    /** @param groupIds the groups the user is a direct member of, sorted */
    public record UserGroups(String userId, List<String> groupIds) {

        public UserGroups {
            groupIds = List.copyOf(groupIds);
        }
    }
}
