package ch.procura.keycloak.projection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /realms/{realm}/procura/projection-changes}:
 * {@code {"changes": [{"type": "addMember", "groupId": "…", "userId": "…"}, …]}}, every field
 * checked, nothing unknown accepted, so that a malformed batch is refused whole before anything is
 * written.
 */
public final class ProjectionChangesRequest {

    /** Changes per request: one transaction in Keycloak, so a bound on its size and duration. */
    public static final int MAX_CHANGES = 2_000;

    static final int MAX_ID_LENGTH = 36;
    /** Keycloak's limits: {@code KEYCLOAK_GROUP.NAME}, {@code USER_ENTITY.EMAIL}, first and last names. */
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_ATTRIBUTES = 32;
    /**
     * Only service clients' roles (rights) are ever mapped by the projection: never an admin role of
     * {@code realm-management}, which {@code manage-users} alone could otherwise hand out.
     */
    static final String SERVICE_CLIENT_PREFIX = "svc-";

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "createUser", Set.of("type", "email", "firstName", "lastName"),
            "createGroup", Set.of("type", "parentId", "name", "attributes"),
            "addRole", Set.of("type", "groupId", "clientId", "role"),
            "removeRole", Set.of("type", "groupId", "clientId", "role"),
            "addMember", Set.of("type", "groupId", "userId"),
            "removeMember", Set.of("type", "groupId", "userId"));

    private ProjectionChangesRequest() {
    }

    /**
     * Reads and checks a request body.
     *
     * @throws InvalidRequestException if it is not such an object, with the index of the change at fault
     */
    public static List<ProjectionChange> parse(byte[] body) {
        JsonNode root = JsonBodies.read(body);
        if (!root.isObject() || root.size() != 1 || !root.has("changes")) {
            throw new InvalidRequestException("the body must be {\"changes\": [...]}, nothing else");
        }
        JsonNode list = root.get("changes");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidRequestException("changes must be a non-empty array");
        }
        if (list.size() > MAX_CHANGES) {
            throw new InvalidRequestException("changes holds " + list.size() + " changes, at most " + MAX_CHANGES);
        }
        List<ProjectionChange> changes = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            changes.add(change(list.get(i), "changes[" + i + "]"));
        }
        return changes;
    }

    private static ProjectionChange change(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new InvalidRequestException(at + " must be an object");
        }
        String type = node.path("type").asText("");
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new InvalidRequestException(at + ".type must be one of " + new TreeSet<>(FIELDS.keySet()));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidRequestException(at + ": unknown field '" + name + "' for " + type);
            }
        }
        return switch (type) {
            case "createUser" -> new ProjectionChange.CreateUser(text(node, at, "email", MAX_NAME_LENGTH),
                    optionalText(node, at, "firstName"), optionalText(node, at, "lastName"));
            case "createGroup" -> new ProjectionChange.CreateGroup(node.hasNonNull("parentId") ? text(node, at, "parentId", MAX_ID_LENGTH) : null,
                    text(node, at, "name", MAX_NAME_LENGTH), markedAttributes(node.get("attributes"), at));
            case "addRole" -> new ProjectionChange.AddRole(text(node, at, "groupId", MAX_ID_LENGTH), serviceClient(node, at), text(node, at, "role", MAX_NAME_LENGTH));
            case "removeRole" -> new ProjectionChange.RemoveRole(text(node, at, "groupId", MAX_ID_LENGTH), serviceClient(node, at), text(node, at, "role", MAX_NAME_LENGTH));
            case "addMember" -> new ProjectionChange.AddMember(text(node, at, "groupId", MAX_ID_LENGTH), text(node, at, "userId", MAX_ID_LENGTH));
            default -> new ProjectionChange.RemoveMember(text(node, at, "groupId", MAX_ID_LENGTH), text(node, at, "userId", MAX_ID_LENGTH));
        };
    }

    private static String text(JsonNode node, String at, String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > maxLength) {
            throw new InvalidRequestException(at + "." + field + " must be a string of 1 to " + maxLength + " characters");
        }
        return value.asText();
    }

    private static String serviceClient(JsonNode node, String at) {
        String clientId = text(node, at, "clientId", MAX_NAME_LENGTH);
        if (!clientId.startsWith(SERVICE_CLIENT_PREFIX)) {
            throw new InvalidRequestException(at + ".clientId must be a service client (" + SERVICE_CLIENT_PREFIX + "…): only rights are mapped");
        }
        return clientId;
    }

    private static String optionalText(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual() || value.asText().length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException(at + "." + field + " must be a string of at most " + MAX_NAME_LENGTH + " characters");
        }
        return value.asText();
    }

    /** A group the bulk write creates is marked as the projection's from the start (issue 14 item 6). */
    private static Map<String, List<String>> markedAttributes(JsonNode node, String at) {
        Map<String, List<String>> attributes = attributes(node, at);
        if (!ProjectionOwnership.ownsGroup(attributes)) {
            throw new InvalidRequestException(at + ".attributes must carry " + ProjectionOwnership.GROUP_MARK + ": the bulk write creates only the projection's groups");
        }
        return attributes;
    }

    private static Map<String, List<String>> attributes(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > MAX_ATTRIBUTES) {
            throw new InvalidRequestException(at + ".attributes must be an object of at most " + MAX_ATTRIBUTES + " lists of strings");
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            attributes.put(field.getKey(), strings(field.getValue(), at + ".attributes." + field.getKey()));
        }
        return attributes;
    }

    private static List<String> strings(JsonNode node, String at) {
        if (!node.isArray()) {
            throw new InvalidRequestException(at + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                throw new InvalidRequestException(at + " must be an array of strings");
            }
            values.add(value.asText());
        }
        return values;
    }
}
