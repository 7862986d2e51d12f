package ch.procura.keycloak.projection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.procura.keycloak.projection.ProjectionState.ClientRole;
import ch.procura.keycloak.projection.ProjectionState.Group;
import ch.procura.keycloak.projection.ProjectionState.User;
import ch.procura.keycloak.projection.ProjectionState.UserGroups;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionStateJsonTest {

    @Test
    void writesTheContractFieldByFieldWithNulls() {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put("procura.kind", List.of("grant"));
        attributes.put("procura.organization", List.of("CHE123456788"));
        ProjectionState state = new ProjectionState(
                List.of(new Group("g1", "CHE123456788", null, Map.of(), List.of(), List.of()),
                        new Group("g2", "employer-inbox:read", "g1", attributes,
                                List.of(new ClientRole("svc-employer-inbox", "read")), List.of("u1", "u2"))),
                List.of(new User("u1", "lea@example.ch", "Léa", "Müller"), new User("u2", null, null, null)),
                List.of(new UserGroups("u1", List.of("g2"))),
                List.of(new ProjectionState.Child("g3", "made by hand", "g1")));
        assertEquals("{\"groups\":["
                + "{\"id\":\"g1\",\"name\":\"CHE123456788\",\"parentId\":null,\"attributes\":{},\"clientRoles\":[],\"memberIds\":[]},"
                + "{\"id\":\"g2\",\"name\":\"employer-inbox:read\",\"parentId\":\"g1\","
                + "\"attributes\":{\"procura.kind\":[\"grant\"],\"procura.organization\":[\"CHE123456788\"]},"
                + "\"clientRoles\":[{\"clientId\":\"svc-employer-inbox\",\"role\":\"read\"}],\"memberIds\":[\"u1\",\"u2\"]}],"
                + "\"users\":["
                + "{\"id\":\"u1\",\"email\":\"lea@example.ch\",\"firstName\":\"Léa\",\"lastName\":\"Müller\"},"
                + "{\"id\":\"u2\",\"email\":null,\"firstName\":null,\"lastName\":null}],"
                + "\"userGroups\":[{\"userId\":\"u1\",\"groupIds\":[\"g2\"]}],"
                + "\"children\":[{\"id\":\"g3\",\"name\":\"made by hand\",\"parentId\":\"g1\"}]}",
                new String(ProjectionStateJson.write(state), UTF_8));
    }

    @Test
    void nothingFoundIsFourEmptyLists() {
        assertEquals("{\"groups\":[],\"users\":[],\"userGroups\":[],\"children\":[]}",
                new String(ProjectionStateJson.write(new ProjectionState(List.of(), List.of())), UTF_8));
    }

    @Test
    void escapesWhatItWrites() {
        ProjectionState state = new ProjectionState(
                List.of(new Group("g", "a \"quoted\"\nname", null, Map.of(), List.of(), List.of())), List.of());
        assertEquals("{\"groups\":[{\"id\":\"g\",\"name\":\"a \\\"quoted\\\"\\nname\",\"parentId\":null,"
                + "\"attributes\":{},\"clientRoles\":[],\"memberIds\":[]}],\"users\":[],\"userGroups\":[],\"children\":[]}",
                new String(ProjectionStateJson.write(state), UTF_8));
    }

    @Test
    void writesAnOAuthStyleError() {
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"userIds must be an array of ids\"}",
                new String(ProjectionStateJson.error("invalid_request", "userIds must be an array of ids"), UTF_8));
    }
}
