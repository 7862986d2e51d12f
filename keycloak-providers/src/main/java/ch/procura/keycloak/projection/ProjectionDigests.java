package ch.procura.keycloak.projection;

import ch.procura.keycloak.projection.ProjectionStore.AttributeRow;
import ch.procura.keycloak.projection.ProjectionStore.ClientRoleRow;
import ch.procura.keycloak.projection.ProjectionStore.GroupRow;
import ch.procura.keycloak.projection.ProjectionStore.MembershipRow;
import ch.procura.keycloak.projection.ProjectionStore.UserRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 19, decision 0061: one digest per projected subtree, so that a full reconcile reads in detail
 * only the organizations whose Keycloak state differs from the model's. Pure.
 *
 * <p>A subtree is a root group asked for and every group below it, down to the next root asked
 * for. Its digest is the sum, modulo 2<sup>128</sup>, of the first 16 bytes of the SHA-256 of each
 * of its records, with the number of records: a sum does not depend on the order the rows come in,
 * so rows are folded in as they are read, nothing sorted or kept but one running sum per root. The
 * records (each field its UTF-8 length, a colon and its bytes, or {@code ~} for null):
 * <ul>
 *   <li>{@code G} group id, parent id (null for a top-level group), name;</li>
 *   <li>{@code A} group id, attribute name, value (once per value stored);</li>
 *   <li>{@code R} group id, client id, role name (client roles mapped on the group; realm roles are not
 *       the projection's);</li>
 *   <li>{@code M} group id, user id, the user's e-mail in lower case, first name, last name (a member
 *       unknown to the realm's users has four nulls after its id).</li>
 * </ul>
 * The sync-service computes the same sum from its model ({@code sync-service/src/projection/digest.ts});
 * the test vector {@code projection-digest-vector.json} holds both to one answer.
 */
final class ProjectionDigests {

    /** One subtree's digest: the sum in 32 hexadecimal digits and the number of records summed. */
    record Digest(String sum, long records) {
    }

    private static final int MAX_DEPTH = 256;

    private final List<String> roots;
    private final Map<String, Integer> rootOfGroup = new HashMap<>();
    private final Map<String, String[]> users = new HashMap<>();
    private final long[] high;
    private final long[] low;
    private final long[] counts;
    private final boolean[] found;
    private final MessageDigest sha256;

    /**
     * Starts the digests of the subtrees of {@code roots} among the realm's {@code groups}; the other
     * rows are then folded in as they are read ({@link #user} before any {@link #membership}), rows of
     * groups outside every subtree ignored.
     */
    ProjectionDigests(List<String> roots, List<GroupRow> groups) {
        this.roots = List.copyOf(roots);
        this.high = new long[roots.size()];
        this.low = new long[roots.size()];
        this.counts = new long[roots.size()];
        this.found = new boolean[roots.size()];
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        place(groups);
        for (GroupRow group : groups) {
            add(group.id(), "G", group.id(), ProjectionStateAssembler.parentId(group.parentId()), group.name());
        }
    }

    /** A user of the realm, whose e-mail and names the records of its memberships carry. */
    void user(UserRow user) {
        users.put(user.id(), new String[] {user.email() == null ? null : user.email().toLowerCase(Locale.ROOT), user.firstName(), user.lastName()});
    }

    void attribute(AttributeRow attribute) {
        add(attribute.groupId(), "A", attribute.groupId(), attribute.name(), attribute.value());
    }

    void clientRole(ClientRoleRow role) {
        add(role.groupId(), "R", role.groupId(), role.clientId(), role.role());
    }

    void membership(MembershipRow membership) {
        String[] user = users.getOrDefault(membership.userId(), new String[3]);
        add(membership.groupId(), "M", membership.groupId(), membership.userId(), user[0], user[1], user[2]);
    }

    /** The digests of the roots found among the groups, by root id. */
    Map<String, Digest> digests() {
        Map<String, Digest> answer = new TreeMap<>();
        for (int i = 0; i < roots.size(); i++) {
            if (found[i]) {
                answer.put(roots.get(i), new Digest(String.format("%016x%016x", high[i], low[i]), counts[i]));
            }
        }
        return answer;
    }

    /** Finds each group's subtree: the nearest root asked for among itself and its ancestors. */
    private void place(List<GroupRow> groups) {
        Map<String, String> parentOf = new HashMap<>();
        for (GroupRow group : groups) {
            parentOf.put(group.id(), ProjectionStateAssembler.parentId(group.parentId()));
        }
        Map<String, Integer> rootIndex = new HashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            rootIndex.putIfAbsent(roots.get(i), i);
        }
        for (GroupRow group : groups) {
            String id = group.id();
            for (int depth = 0; id != null && depth < MAX_DEPTH; depth++) {
                Integer index = rootIndex.get(id);
                if (index != null) {
                    rootOfGroup.put(group.id(), index);
                    break;
                }
                id = parentOf.get(id);
            }
            Integer own = rootIndex.get(group.id());
            if (own != null) {
                found[own] = true;
            }
        }
    }

    private void add(String groupId, String kind, String... fields) {
        Integer root = rootOfGroup.get(groupId);
        if (root == null) {
            return;
        }
        byte[] hash = sha256.digest(record(kind, fields));
        long sum = low[root] + toLong(hash, 8);
        high[root] += toLong(hash, 0) + (Long.compareUnsigned(sum, low[root]) < 0 ? 1 : 0);
        low[root] = sum;
        counts[root]++;
    }

    /** A record's bytes: its kind, then each field as its UTF-8 length, a colon and its bytes, or {@code ~} for null. */
    static byte[] record(String kind, String... fields) {
        StringBuilder text = new StringBuilder(kind);
        for (String field : fields) {
            if (field == null) {
                text.append('~');
            } else {
                text.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long toLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }
}
