package ch.procura.keycloak.projection;

import ch.procura.keycloak.projection.ProjectionState.ClientRole;
import ch.procura.keycloak.projection.ProjectionState.Group;
import ch.procura.keycloak.projection.ProjectionState.User;
import ch.procura.keycloak.projection.ProjectionState.UserGroups;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the endpoint's answers as JSON, field by field: the order of the fields is fixed and a
 * missing parent is written {@code "parentId": null}, whatever the server's own JSON settings
 * (Keycloak's mapper leaves nulls out).
 */
final class ProjectionStateJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ProjectionStateJson() {
    }

    static byte[] write(ProjectionState state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("groups");
            for (Group group : state.groups()) {
                writeGroup(json, group);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("users");
            for (User user : state.users()) {
                writeUser(json, user);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("userGroups");
            for (UserGroups userGroups : state.userGroups()) {
                json.writeStartObject();
                json.writeStringField("userId", userGroups.userId());
                writeStrings(json, "groupIds", userGroups.groupIds());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("children");
            for (ProjectionState.Child child : state.children()) {
                json.writeStartObject();
                json.writeStringField("id", child.id());
                json.writeStringField("name", child.name());
                json.writeStringField("parentId", child.parentId());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the projection state", e);
        }
        return out.toByteArray();
    }

    /** An OAuth-style error body: {@code {"error": "...", "error_description": "..."}}. */
    static byte[] error(String error, String description) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("error", error);
            json.writeStringField("error_description", description);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an error", e);
        }
        return out.toByteArray();
    }

    private static void writeGroup(JsonGenerator json, Group group) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", group.id());
        json.writeStringField("name", group.name());
        json.writeStringField("parentId", group.parentId());
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, List<String>> attribute : group.attributes().entrySet()) {
            writeStrings(json, attribute.getKey(), attribute.getValue());
        }
        json.writeEndObject();
        json.writeArrayFieldStart("clientRoles");
        for (ClientRole role : group.clientRoles()) {
            json.writeStartObject();
            json.writeStringField("clientId", role.clientId());
            json.writeStringField("role", role.role());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeStrings(json, "memberIds", group.memberIds());
        json.writeEndObject();
    }

    private static void writeUser(JsonGenerator json, User user) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", user.id());
        json.writeStringField("email", user.email());
        json.writeStringField("firstName", user.firstName());
        json.writeStringField("lastName", user.lastName());
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
