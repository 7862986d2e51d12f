package ch.procura.keycloak.projection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /realms/{realm}/procura/projection-state}:
 * {@code {"groupIds": [...], "userIds": [...], "groupsOfUserIds": [...], "childrenOf": [...]}}, each
 * optional (missing = empty), nothing else.
 *
 * @param groupIds        the Keycloak group ids asked for, without duplicates, sorted
 * @param userIds         the Keycloak user ids asked for, without duplicates, sorted
 * @param groupsOfUserIds the users whose group ids (direct memberships) are asked for: a change
 *                        about some people is reconciled on their groups only (decision 0018)
 * @param childrenOf      the groups whose direct subgroups are asked for (ids and names only): the
 *                        sync-service finds there the groups it did not make (decision 0058)
 */
public record ProjectionStateRequest(List<String> groupIds, List<String> userIds, List<String> groupsOfUserIds,
                                     List<String> childrenOf) {

    /** Per list: ten times dataset M's groups, and a bound on what one request may cost. */
    public static final int MAX_IDS = 100_000;

    /** Keycloak's {@code ID} columns ({@code KEYCLOAK_GROUP}, {@code USER_ENTITY}) are 36 characters. */
    static final int MAX_ID_LENGTH = 36;

    static final String GROUP_IDS = "groupIds";
    static final String USER_IDS = "userIds";
    static final String GROUPS_OF_USER_IDS = "groupsOfUserIds";
    static final String CHILDREN_OF = "childrenOf";

    private static final Set<String> FIELDS = Set.of(GROUP_IDS, USER_IDS, GROUPS_OF_USER_IDS, CHILDREN_OF);

    public ProjectionStateRequest {
        groupIds = List.copyOf(groupIds);
        userIds = List.copyOf(userIds);
        groupsOfUserIds = List.copyOf(groupsOfUserIds);
        childrenOf = List.copyOf(childrenOf);
    }

    /** A request for groups and users only. */
    public ProjectionStateRequest(List<String> groupIds, List<String> userIds) {
        this(groupIds, userIds, List.of(), List.of());
    }

    /** A request for groups, users and the groups of some users. */
    public ProjectionStateRequest(List<String> groupIds, List<String> userIds, List<String> groupsOfUserIds) {
        this(groupIds, userIds, groupsOfUserIds, List.of());
    }

    /**
     * Reads and checks a request body.
     *
     * @throws InvalidRequestException if it is not such an object, or holds too many or malformed ids
     */
    public static ProjectionStateRequest parse(byte[] body) {
        JsonNode root = object(body, FIELDS, "groupIds, userIds, groupsOfUserIds and childrenOf");
        return new ProjectionStateRequest(ids(root, GROUP_IDS), ids(root, USER_IDS), ids(root, GROUPS_OF_USER_IDS),
                ids(root, CHILDREN_OF));
    }

    /**
     * A body that is a JSON object with no field but {@code fields} ({@code named} in the refusal).
     *
     * @throws InvalidRequestException otherwise
     */
    static JsonNode object(byte[] body, Set<String> fields, String named) {
        JsonNode root = JsonBodies.read(body);
        if (!root.isObject()) {
            throw new InvalidRequestException("the body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new InvalidRequestException("unknown field '" + name + "': only " + named);
            }
        }
        return root;
    }

    /** The ids of {@code field} (missing = none), without duplicates, sorted; at most {@link #MAX_IDS}. */
    static List<String> ids(JsonNode root, String field) {
        JsonNode list = root.get(field);
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new InvalidRequestException(field + " must be an array of ids");
        }
        if (list.size() > MAX_IDS) {
            throw new InvalidRequestException(field + " holds " + list.size() + " ids, at most " + MAX_IDS);
        }
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            ids.add(id(list.get(i), field, i));
        }
        return new ArrayList<>(ids);
    }

    private static String id(JsonNode item, String field, int index) {
        if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > MAX_ID_LENGTH) {
            throw new InvalidRequestException(field + "[" + index + "] must be an id: a string of 1 to "
                    + MAX_ID_LENGTH + " characters");
        }
        return item.asText();
    }
}
