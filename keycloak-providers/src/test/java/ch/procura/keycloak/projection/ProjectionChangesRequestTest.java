package ch.procura.keycloak.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectionChangesRequestTest {

    private static List<ProjectionChange> parse(String json) {
        return ProjectionChangesRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String json) {
        return assertThrows(InvalidRequestException.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsEveryKindOfChangeInOrder() {
        List<ProjectionChange> changes = parse("{\"changes\":["
                + "{\"type\":\"createUser\",\"email\":\"lea@example.test\",\"firstName\":\"Léa\",\"lastName\":\"Favre\"},"
                + "{\"type\":\"createGroup\",\"parentId\":null,\"name\":\"CHE123456788\",\"attributes\":{\"procura.kind\":[\"organization\"]}},"
                + "{\"type\":\"createGroup\",\"parentId\":\"p\",\"name\":\"role:member\",\"attributes\":{\"procura.kind\":[\"role\"]}},"
                + "{\"type\":\"addRole\",\"groupId\":\"g\",\"clientId\":\"svc-employer-inbox\",\"role\":\"read\"},"
                + "{\"type\":\"removeRole\",\"groupId\":\"g\",\"clientId\":\"svc-contributions\",\"role\":\"pay\"},"
                + "{\"type\":\"addMember\",\"groupId\":\"g\",\"userId\":\"u\"},"
                + "{\"type\":\"removeMember\",\"groupId\":\"g\",\"userId\":\"v\"}]}");
        assertEquals(List.of(
                new ProjectionChange.CreateUser("lea@example.test", "Léa", "Favre"),
                new ProjectionChange.CreateGroup(null, "CHE123456788", Map.of("procura.kind", List.of("organization"))),
                new ProjectionChange.CreateGroup("p", "role:member", Map.of("procura.kind", List.of("role"))),
                new ProjectionChange.AddRole("g", "svc-employer-inbox", "read"),
                new ProjectionChange.RemoveRole("g", "svc-contributions", "pay"),
                new ProjectionChange.AddMember("g", "u"),
                new ProjectionChange.RemoveMember("g", "v")), changes);
    }

    @Test
    void missingNamesOfAUserAreEmpty() {
        assertEquals(List.of(new ProjectionChange.CreateUser("a@example.test", "", "")),
                parse("{\"changes\":[{\"type\":\"createUser\",\"email\":\"a@example.test\",\"firstName\":null}]}"));
    }

    @Test
    void refusesABodyThatIsNotABatch() {
        assertTrue(refusal("").contains("empty"));
        assertTrue(refusal("[]").contains("{\"changes\""));
        assertTrue(refusal("{\"changes\":[],\"more\":1}").contains("nothing else"));
        assertTrue(refusal("{\"changes\":[]}").contains("non-empty"));
        assertTrue(refusal("{\"changes\":[1]}").contains("changes[0] must be an object"));
        assertTrue(refusal("{\"changes\":[]} x").contains("not valid JSON"));
    }

    @Test
    void namesTheChangeAndTheFieldAtFault() {
        assertEquals("changes[1].type must be one of [addMember, addRole, createGroup, createUser, removeMember, removeRole]",
                refusal("{\"changes\":[{\"type\":\"addMember\",\"groupId\":\"g\",\"userId\":\"u\"},{\"type\":\"deleteRealm\"}]}"));
        assertTrue(refusal("{\"changes\":[{\"type\":\"addMember\",\"groupId\":\"g\"}]}").startsWith("changes[0].userId must be"));
        assertTrue(refusal("{\"changes\":[{\"type\":\"addMember\",\"groupId\":\"g\",\"userId\":\"u\",\"admin\":true}]}").contains("unknown field 'admin'"));
        assertTrue(refusal("{\"changes\":[{\"type\":\"addMember\",\"groupId\":\"" + "x".repeat(37) + "\",\"userId\":\"u\"}]}").contains("1 to 36"));
        assertTrue(refusal("{\"changes\":[{\"type\":\"createGroup\",\"name\":\"n\",\"attributes\":{\"a\":[1]}}]}").contains("attributes.a must be an array of strings"));
    }

    /** Issue 14 item 6: a group the bulk write creates is marked as the projection's, or not created. */
    @Test
    void createsOnlyMarkedGroups() {
        for (String attributes : List.of("", ",\"attributes\":{}", ",\"attributes\":{\"procura.kind\":[]}", ",\"attributes\":{\"procura.kind\":[\" \"]}", ",\"attributes\":{\"other\":[\"x\"]}")) {
            String message = refusal("{\"changes\":[{\"type\":\"createGroup\",\"parentId\":\"p\",\"name\":\"n\"" + attributes + "}]}");
            assertEquals("changes[0].attributes must carry procura.kind: the bulk write creates only the projection's groups", message);
        }
    }

    @Test
    void mapsOnlyServiceClientRoles() {
        String message = refusal("{\"changes\":[{\"type\":\"addRole\",\"groupId\":\"g\",\"clientId\":\"realm-management\",\"role\":\"manage-users\"}]}");
        assertTrue(message.contains("must be a service client"), message);
    }

    @Test
    void boundsTheBatch() {
        String change = "{\"type\":\"addMember\",\"groupId\":\"g\",\"userId\":\"u\"}";
        String full = IntStream.range(0, ProjectionChangesRequest.MAX_CHANGES).mapToObj(i -> change).collect(Collectors.joining(","));
        assertEquals(ProjectionChangesRequest.MAX_CHANGES, parse("{\"changes\":[" + full + "]}").size());
        assertTrue(refusal("{\"changes\":[" + full + "," + change + "]}").contains("at most " + ProjectionChangesRequest.MAX_CHANGES));
    }

    @Test
    void refusesDuplicateFields() {
        assertTrue(refusal("{\"changes\":[{\"type\":\"addMember\",\"groupId\":\"g\",\"groupId\":\"h\",\"userId\":\"u\"}]}").contains("not valid JSON"));
    }
}
