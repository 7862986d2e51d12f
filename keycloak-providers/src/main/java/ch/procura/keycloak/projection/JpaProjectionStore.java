package ch.procura.keycloak.projection;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * {@link ProjectionStore} on Keycloak's own tables, through its JPA {@link EntityManager}: JPQL on
 * Keycloak's entity classes ({@code GroupEntity} is {@code KEYCLOAK_GROUP}, {@code
 * GroupAttributeEntity} {@code GROUP_ATTRIBUTE}, {@code GroupRoleMappingEntity} {@code
 * GROUP_ROLE_MAPPING}, {@code RoleEntity} {@code KEYCLOAK_ROLE}, {@code ClientEntity} {@code CLIENT},
 * {@code UserGroupMembershipEntity} {@code USER_GROUP_MEMBERSHIP}, {@code UserEntity} {@code
 * USER_ENTITY}), so that Hibernate writes the SQL of whatever database Keycloak runs on. Scalar
 * selects only: no entity enters the persistence context, nothing can be flushed back. Every row
 * answered is the realm's: groups and users found by id are checked in Java, attributes, role
 * mappings and members are read only for groups already found in the realm, and client roles are
 * the realm's clients'.
 *
 * <p>Only groups of type 0 (realm groups) are read: type 1 are the internal groups of Keycloak's
 * own organizations feature, which the admin API's {@code /groups/{id}} refuses too (400). A
 * top-level group's parent is stored as {@code GroupEntity.TOP_PARENT_ID}, a single space. Users are
 * those in Keycloak's local storage; a federated user that was never imported has no row.
 *
 * <p>Each query's duration is logged at TRACE ({@code ch.procura.keycloak.projection}).
 */
final class JpaProjectionStore implements ProjectionStore, DigestStore {

    /*
     * Every query starts from the ids it is given, on one table, through that table's primary key or
     * the index of the column it filters: the realm and the group type are checked in Java on the
     * rows found. A condition on the realm in SQL lets PostgreSQL, when its statistics are missing or
     * stale (autovacuum off, or not yet run after a bulk load), start from the realm's index and
     * visit every group of the realm: measured on dataset M without statistics, the former join of
     * GROUPS_OF_USERS on the group table took 110 ms for 40 users, idle, and over a second under load.
     */

    private static final String GROUPS = """
            select g.id, g.name, g.parentId, g.realm, g.type from GroupEntity g
            where g.id in :ids""";

    /** For groups already found in this realm: no join to the group table (see MEMBERSHIPS). */
    private static final String ATTRIBUTES = """
            select a.group.id, a.name, a.value from GroupAttributeEntity a
            where a.group.id in :ids""";

    /** The role ids mapped on groups already found in this realm; resolved to client roles in Java (see {@link #clientRoles}). */
    private static final String ROLE_MAPPINGS = """
            select m.group.id, m.roleId from GroupRoleMappingEntity m
            where m.group.id in :ids""";

    /** Every client role of the realm: a few hundred rows, read once per request. */
    private static final String REALM_CLIENT_ROLES = """
            select r.id, c.clientId, r.name from RoleEntity r, ClientEntity c
            where r.clientRole = true and c.id = r.clientId and c.realmId = :realm""";

    /**
     * Asked only for groups already found in this realm, whose members are this realm's users: no
     * join to the user table (it doubled the query's time).
     */
    private static final String MEMBERSHIPS = """
            select m.groupId, m.user.id from UserGroupMembershipEntity m
            where m.groupId in :ids""";

    private static final String USERS = """
            select u.id, u.email, u.firstName, u.lastName, u.realmId from UserEntity u
            where u.id in :ids""";

    /** Asked only for users already found in this realm (see {@link #groupsOfUsers}). */
    private static final String GROUPS_OF_USERS = """
            select m.groupId, m.user.id from UserGroupMembershipEntity m
            where m.user.id in :ids""";

    /**
     * Through Keycloak's unique index on realm, parent and name (its sibling-names constraint): the
     * realm in SQL here is that index's first column, not a scan of the realm's groups.
     */
    private static final String CHILDREN = """
            select g.id, g.name, g.parentId, g.type from GroupEntity g
            where g.realm = :realm and g.parentId in :ids""";

    /*
     * The digests' reads (decision 0061): every row of the realm, by the realm's column, each read
     * once from start to end; a full scan is what they are for.
     */
    private static final String REALM_GROUPS = """
            select g.id, g.name, g.parentId, g.type from GroupEntity g
            where g.realm = :realm""";

    private static final String REALM_USERS = """
            select u.id, u.email, u.firstName, u.lastName from UserEntity u
            where u.realmId = :realm""";

    private static final String REALM_ATTRIBUTES = """
            select a.group.id, a.name, a.value from GroupAttributeEntity a
            where a.group.realm = :realm""";

    private static final String REALM_ROLE_MAPPINGS = """
            select m.group.id, m.roleId from GroupRoleMappingEntity m
            where m.group.realm = :realm""";

    private static final String REALM_MEMBERSHIPS = """
            select m.groupId, m.user.id from UserGroupMembershipEntity m
            where m.user.realmId = :realm""";

    /** Rows fetched per round trip when a realm-wide read streams (the driver would otherwise hold every row). */
    private static final int FETCH_SIZE = 2_000;

    private static final Logger LOG = Logger.getLogger(JpaProjectionStore.class);

    private final EntityManager entityManager;
    private final String realmId;
    private Map<String, String[]> clientRolesById;

    JpaProjectionStore(EntityManager entityManager, String realmId) {
        this.entityManager = entityManager;
        this.realmId = realmId;
    }

    @Override
    public List<GroupRow> groups(List<String> groupIds) {
        return select(GROUPS, groupIds,
                row -> realmGroup(row[3], row[4]) ? new GroupRow(text(row[0]), text(row[1]), text(row[2])) : null);
    }

    /** A group of this realm and of type 0 (see the class comment). */
    private boolean realmGroup(Object realm, Object type) {
        return realmId.equals(text(realm)) && type instanceof Number number && number.intValue() == 0;
    }

    @Override
    public List<AttributeRow> attributes(List<String> groupIds) {
        return select(ATTRIBUTES, groupIds, row -> new AttributeRow(text(row[0]), text(row[1]), text(row[2])));
    }

    /**
     * Client roles only (a realm role is not in the map and is dropped). Joining the mappings to the
     * role and client tables in one query was the endpoint's slowest part (about 95 ms per thousand
     * groups); resolving role ids against the realm's client roles in memory is a lookup.
     */
    @Override
    public List<ClientRoleRow> clientRoles(List<String> groupIds) {
        Map<String, String[]> roles = clientRolesById();
        return select(ROLE_MAPPINGS, groupIds, row -> {
            String[] role = roles.get(text(row[1]));
            return role == null ? null : new ClientRoleRow(text(row[0]), role[0], role[1]);
        });
    }

    private Map<String, String[]> clientRolesById() {
        if (clientRolesById == null) {
            Map<String, String[]> roles = new HashMap<>();
            for (Object[] row : run(REALM_CLIENT_ROLES, null, true, r -> r)) {
                roles.put(text(row[0]), new String[] {text(row[1]), text(row[2])});
            }
            clientRolesById = roles;
        }
        return clientRolesById;
    }

    @Override
    public List<MembershipRow> memberships(List<String> groupIds) {
        return select(MEMBERSHIPS, groupIds, row -> new MembershipRow(text(row[0]), text(row[1])));
    }

    @Override
    public List<UserRow> users(List<String> userIds) {
        return select(USERS, userIds,
                row -> realmId.equals(text(row[4]))
                        ? new UserRow(text(row[0]), text(row[1]), text(row[2]), text(row[3]))
                        : null);
    }

    /**
     * Three lookups by key rather than one join: the users of this realm among those asked, their
     * memberships, then which of those groups are realm groups (type 0) of this realm.
     */
    @Override
    public List<MembershipRow> groupsOfUsers(List<String> userIds) {
        List<String> found = users(userIds).stream().map(UserRow::id).toList();
        List<MembershipRow> memberships = select(GROUPS_OF_USERS, found, row -> new MembershipRow(text(row[0]), text(row[1])));
        Set<String> realmGroups = new HashSet<>();
        List<String> groupIds = memberships.stream().map(MembershipRow::groupId).distinct().toList();
        for (List<String> chunk : Chunks.of(groupIds, ProjectionStateQuery.CHUNK_SIZE)) {
            groups(chunk).forEach(group -> realmGroups.add(group.id()));
        }
        return memberships.stream().filter(m -> realmGroups.contains(m.groupId())).toList();
    }

    @Override
    public List<GroupRow> children(List<String> parentIds) {
        if (parentIds.isEmpty()) {
            return List.of();
        }
        return run(CHILDREN, parentIds, true,
                row -> row[3] instanceof Number type && type.intValue() == 0 ? new GroupRow(text(row[0]), text(row[1]), text(row[2])) : null)
                .stream().filter(Objects::nonNull).toList();
    }

    @Override
    public List<GroupRow> realmGroups() {
        return run(REALM_GROUPS, null, true,
                row -> row[3] instanceof Number type && type.intValue() == 0 ? new GroupRow(text(row[0]), text(row[1]), text(row[2])) : null)
                .stream().filter(Objects::nonNull).toList();
    }

    @Override
    public void realmUsers(Consumer<UserRow> each) {
        stream(REALM_USERS, row -> each.accept(new UserRow(text(row[0]), text(row[1]), text(row[2]), text(row[3]))));
    }

    @Override
    public void realmAttributes(Consumer<AttributeRow> each) {
        stream(REALM_ATTRIBUTES, row -> each.accept(new AttributeRow(text(row[0]), text(row[1]), text(row[2]))));
    }

    @Override
    public void realmClientRoles(Consumer<ClientRoleRow> each) {
        Map<String, String[]> roles = clientRolesById();
        stream(REALM_ROLE_MAPPINGS, row -> {
            String[] role = roles.get(text(row[1]));
            if (role != null) {
                each.accept(new ClientRoleRow(text(row[0]), role[0], role[1]));
            }
        });
    }

    @Override
    public void realmMemberships(Consumer<MembershipRow> each) {
        stream(REALM_MEMBERSHIPS, row -> each.accept(new MembershipRow(text(row[0]), text(row[1]))));
    }

    /** Hands each row of a realm-wide read over as it comes, a few thousand fetched at a time. */
    private void stream(String jpql, Consumer<Object[]> each) {
        long start = System.nanoTime();
        long[] count = {0};
        TypedQuery<Object[]> query = entityManager.createQuery(jpql, Object[].class)
                .setFlushMode(FlushModeType.COMMIT)
                .setHint("org.hibernate.fetchSize", FETCH_SIZE)
                .setHint("org.hibernate.readOnly", true)
                .setParameter("realm", realmId);
        // The stream holds the driver's cursor: closed when done.
        try (Stream<Object[]> rows = query.getResultStream()) {
            rows.forEach(row -> {
                count[0]++;
                each.accept(row);
            });
        }
        LOG.tracef("realm: %d rows in %d ms: %s", count[0], (System.nanoTime() - start) / 1_000_000, jpql.substring(0, jpql.indexOf('\n')));
    }

    /** The rows of the given ids; {@code toRow} answers {@code null} for a row to leave out (another realm's). */
    private <T> List<T> select(String jpql, List<String> ids, Function<Object[], T> toRow) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return run(jpql, ids, false, toRow).stream().filter(Objects::nonNull).toList();
    }

    /** Runs a query, with its id list when {@code ids} is given and the realm's id when {@code realmBound}. */
    private <T> List<T> run(String jpql, List<String> ids, boolean realmBound, Function<Object[], T> toRow) {
        long start = System.nanoTime();
        TypedQuery<Object[]> query = entityManager.createQuery(jpql, Object[].class)
                // This request writes nothing: no need to flush the session before reading.
                .setFlushMode(FlushModeType.COMMIT);
        if (realmBound) {
            query.setParameter("realm", realmId);
        }
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        List<T> rows = query
                .getResultStream()
                .map(toRow)
                .toList();
        LOG.tracef("%s ids, %d rows in %d ms: %s", ids == null ? "all" : ids.size(), rows.size(), (System.nanoTime() - start) / 1_000_000,
                jpql.substring(0, jpql.indexOf('\n')));
        return rows;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
