package ch.procura.keycloak.projection;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@link ProjectionStore} on Keycloak's own tables, through its JPA {@link EntityManager}: JPQL on
 * Keycloak's entity classes ({@code GroupEntity} is {@code KEYCLOAK_GROUP}, {@code
 * GroupAttributeEntity} {@code GROUP_ATTRIBUTE}, {@code GroupRoleMappingEntity} {@code
 * GROUP_ROLE_MAPPING}, {@code RoleEntity} {@code KEYCLOAK_ROLE}, {@code ClientEntity} {@code CLIENT},
 * {@code UserGroupMembershipEntity} {@code USER_GROUP_MEMBERSHIP}, {@code UserEntity} {@code
 * USER_ENTITY}), so that Hibernate writes the SQL of whatever database Keycloak runs on. Scalar
 * selects only: no entity enters the persistence context, nothing can be flushed back. Every query
 * is bound to the realm's id.
 *
 * <p>Only groups of type 0 (realm groups) are read: type 1 are the internal groups of Keycloak's
 * own organizations feature, which the admin API's {@code /groups/{id}} refuses too (400). A
 * top-level group's parent is stored as {@code GroupEntity.TOP_PARENT_ID}, a single space. Users are
 * those in Keycloak's local storage; a federated user that was never imported has no row.
 *
 * <p>Each query's duration is logged at TRACE ({@code ch.procura.keycloak.projection}).
 */
final class JpaProjectionStore implements ProjectionStore {

    private static final String GROUPS = """
            select g.id, g.name, g.parentId from GroupEntity g
            where g.realm = :realm and g.type = 0 and g.id in :ids""";

    private static final String ATTRIBUTES = """
            select g.id, a.name, a.value from GroupAttributeEntity a join a.group g
            where g.realm = :realm and g.id in :ids""";

    /** Client roles only: a realm role's {@code clientId} is null and finds no client. */
    private static final String CLIENT_ROLES = """
            select g.id, c.clientId, r.name from GroupRoleMappingEntity m join m.group g
            join RoleEntity r on r.id = m.roleId
            join ClientEntity c on c.id = r.clientId
            where g.realm = :realm and r.clientRole = true and c.realmId = :realm and g.id in :ids""";

    private static final String MEMBERSHIPS = """
            select m.groupId, u.id from UserGroupMembershipEntity m join m.user u
            where u.realmId = :realm and m.groupId in :ids""";

    private static final String USERS = """
            select u.id, u.email, u.firstName, u.lastName from UserEntity u
            where u.realmId = :realm and u.id in :ids""";

    private static final Logger LOG = Logger.getLogger(JpaProjectionStore.class);

    private final EntityManager entityManager;
    private final String realmId;

    JpaProjectionStore(EntityManager entityManager, String realmId) {
        this.entityManager = entityManager;
        this.realmId = realmId;
    }

    @Override
    public List<GroupRow> groups(List<String> groupIds) {
        return select(GROUPS, groupIds, row -> new GroupRow(text(row[0]), text(row[1]), text(row[2])));
    }

    @Override
    public List<AttributeRow> attributes(List<String> groupIds) {
        return select(ATTRIBUTES, groupIds, row -> new AttributeRow(text(row[0]), text(row[1]), text(row[2])));
    }

    @Override
    public List<ClientRoleRow> clientRoles(List<String> groupIds) {
        return select(CLIENT_ROLES, groupIds, row -> new ClientRoleRow(text(row[0]), text(row[1]), text(row[2])));
    }

    @Override
    public List<MembershipRow> memberships(List<String> groupIds) {
        return select(MEMBERSHIPS, groupIds, row -> new MembershipRow(text(row[0]), text(row[1])));
    }

    @Override
    public List<UserRow> users(List<String> userIds) {
        return select(USERS, userIds,
                row -> new UserRow(text(row[0]), text(row[1]), text(row[2]), text(row[3])));
    }

    private <T> List<T> select(String jpql, List<String> ids, Function<Object[], T> toRow) {
        if (ids.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        List<T> rows = entityManager.createQuery(jpql, Object[].class)
                // This request writes nothing: no need to flush the session before reading.
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("realm", realmId)
                .setParameter("ids", ids)
                .getResultStream()
                .map(toRow)
                .toList();
        LOG.tracef("%d ids, %d rows in %d ms: %s", ids.size(), rows.size(), (System.nanoTime() - start) / 1_000_000,
                jpql.substring(0, jpql.indexOf('\n')));
        return rows;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
