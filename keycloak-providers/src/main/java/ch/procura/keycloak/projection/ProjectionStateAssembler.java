package ch.procura.keycloak.projection;

import ch.procura.keycloak.projection.ProjectionState.ClientRole;
import ch.procura.keycloak.projection.ProjectionState.Group;
import ch.procura.keycloak.projection.ProjectionState.User;
import ch.procura.keycloak.projection.ProjectionState.UserGroups;
import ch.procura.keycloak.projection.ProjectionStore.AttributeRow;
import ch.procura.keycloak.projection.ProjectionStore.ClientRoleRow;
import ch.procura.keycloak.projection.ProjectionStore.GroupRow;
import ch.procura.keycloak.projection.ProjectionStore.MembershipRow;
import ch.procura.keycloak.projection.ProjectionStore.UserRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups the rows read from Keycloak's tables into the response's shape. Pure; the output does not
 * depend on the order of the rows: groups, users, attribute names and values, client roles and
 * member ids are sorted, duplicate rows of groups and users dropped. Rows of groups not in
 * {@code groups} are ignored.
 */
final class ProjectionStateAssembler {

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private static final Comparator<ClientRole> BY_CLIENT_THEN_ROLE =
            Comparator.comparing(ClientRole::clientId).thenComparing(ClientRole::role);

    private ProjectionStateAssembler() {
    }

    static ProjectionState assemble(List<GroupRow> groups, List<AttributeRow> attributes,
                                    List<ClientRoleRow> clientRoles, List<MembershipRow> memberships,
                                    List<UserRow> users) {
        Map<String, Map<String, List<String>>> attributesByGroup = new HashMap<>();
        for (AttributeRow row : attributes) {
            attributesByGroup.computeIfAbsent(row.groupId(), id -> new TreeMap<>())
                    .computeIfAbsent(row.name(), name -> new ArrayList<>())
                    .add(row.value());
        }
        Map<String, Set<ClientRole>> rolesByGroup = new HashMap<>();
        for (ClientRoleRow row : clientRoles) {
            rolesByGroup.computeIfAbsent(row.groupId(), id -> new TreeSet<>(BY_CLIENT_THEN_ROLE))
                    .add(new ClientRole(row.clientId(), row.role()));
        }
        Map<String, Set<String>> membersByGroup = new HashMap<>();
        for (MembershipRow row : memberships) {
            membersByGroup.computeIfAbsent(row.groupId(), id -> new TreeSet<>()).add(row.userId());
        }
        List<Group> described = new ArrayList<>(groups.size());
        for (GroupRow row : sortedGroups(groups)) {
            described.add(new Group(row.id(), row.name(), parentId(row.parentId()),
                    frozen(attributesByGroup.getOrDefault(row.id(), Map.of())),
                    List.copyOf(rolesByGroup.getOrDefault(row.id(), Set.of())),
                    List.copyOf(membersByGroup.getOrDefault(row.id(), Set.of()))));
        }
        return new ProjectionState(described, sortedUsers(users));
    }

    /** Membership rows by user, users and group ids sorted, duplicates dropped. */
    static List<UserGroups> userGroups(List<MembershipRow> memberships) {
        Map<String, Set<String>> byUser = new TreeMap<>();
        for (MembershipRow row : memberships) {
            byUser.computeIfAbsent(row.userId(), id -> new TreeSet<>()).add(row.groupId());
        }
        List<UserGroups> result = new ArrayList<>(byUser.size());
        byUser.forEach((userId, groupIds) -> result.add(new UserGroups(userId, List.copyOf(groupIds))));
        return result;
    }

    /** Subgroups by id, duplicates dropped. */
    static List<ProjectionState.Child> children(List<GroupRow> rows) {
        return sortedGroups(rows).stream().map(row -> new ProjectionState.Child(row.id(), row.name(), parentId(row.parentId()))).toList();
    }

    /**
     * Keycloak 26 stores a top-level group's parent as a single space ({@code GroupEntity.TOP_PARENT_ID},
     * so that the unique constraint on realm, parent and name holds at the top level); older versions
     * stored {@code NULL}. Both read as no parent.
     */
    static String parentId(String stored) {
        return stored == null || stored.isBlank() ? null : stored;
    }

    private static List<GroupRow> sortedGroups(List<GroupRow> rows) {
        Map<String, GroupRow> byId = new TreeMap<>();
        rows.forEach(row -> byId.putIfAbsent(row.id(), row));
        return new ArrayList<>(byId.values());
    }

    private static List<User> sortedUsers(List<UserRow> rows) {
        Map<String, User> byId = new TreeMap<>();
        for (UserRow row : rows) {
            byId.putIfAbsent(row.id(), new User(row.id(), row.email(), row.firstName(), row.lastName()));
        }
        return List.copyOf(byId.values());
    }

    /**
     * Keeps the TreeMap's order of names and sorts each name's values. A value stored twice stays
     * twice, as the admin API would show it, so that the caller sees the difference with its model.
     */
    private static Map<String, List<String>> frozen(Map<String, List<String>> attributes) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(NULLS_FIRST);
            copy.put(name, Collections.unmodifiableList(sorted));
        });
        return Collections.unmodifiableMap(copy);
    }
}
