package ch.procura.keycloak.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectionStateRequestTest {

    private static ProjectionStateRequest parse(String json) {
        return ProjectionStateRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String json) {
        return assertThrows(InvalidRequestException.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsBothListsSortedWithoutDuplicates() {
        ProjectionStateRequest request = parse("{\"groupIds\":[\"b\",\"a\",\"b\"],\"userIds\":[\"u2\",\"u1\"]}");
        assertEquals(List.of("a", "b"), request.groupIds());
        assertEquals(List.of("u1", "u2"), request.userIds());
    }

    @Test
    void aMissingOrEmptyListIsEmpty() {
        assertEquals(new ProjectionStateRequest(List.of(), List.of()), parse("{}"));
        assertEquals(new ProjectionStateRequest(List.of("g"), List.of()), parse("{\"groupIds\":[\"g\"],\"userIds\":[]}"));
    }

    @Test
    void readsTheUsersWhoseGroupsAreAsked() {
        ProjectionStateRequest request = parse("{\"groupsOfUserIds\":[\"u2\",\"u1\",\"u2\"]}");
        assertEquals(new ProjectionStateRequest(List.of(), List.of(), List.of("u1", "u2")), request);
        assertTrue(refusal("{\"groupsOfUserIds\":[1]}").contains("groupsOfUserIds[0] must be an id"));
    }

    @Test
    void readsTheGroupsWhoseSubgroupsAreAsked() {
        ProjectionStateRequest request = parse("{\"childrenOf\":[\"g2\",\"g1\",\"g2\"]}");
        assertEquals(new ProjectionStateRequest(List.of(), List.of(), List.of(), List.of("g1", "g2")), request);
        assertTrue(refusal("{\"childrenOf\":[\"\"]}").contains("childrenOf[0] must be an id"));
    }

    @Test
    void acceptsKeycloakIds() {
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertEquals(List.of(uuid), parse("{\"userIds\":[\"" + uuid + "\"]}").userIds());
    }

    @Test
    void refusesWhatIsNotJsonOrNotAnObject() {
        assertThrows(InvalidRequestException.class, () -> ProjectionStateRequest.parse(new byte[0]));
        assertThrows(InvalidRequestException.class, () -> ProjectionStateRequest.parse(null));
        assertTrue(refusal("{\"groupIds\":[").contains("not valid JSON"));
        assertTrue(refusal("{} {}").contains("not valid JSON"));
        assertTrue(refusal("[\"a\"]").contains("JSON object"));
        assertTrue(refusal("\"a\"").contains("JSON object"));
        assertTrue(refusal("null").contains("JSON object"));
    }

    @Test
    void refusesOtherFieldsAndDuplicateFields() {
        assertTrue(refusal("{\"groupIds\":[],\"ids\":[]}").contains("unknown field 'ids'"));
        assertTrue(refusal("{\"groupIds\":[\"a\"],\"groupIds\":[\"b\"]}").contains("not valid JSON"));
    }

    @Test
    void refusesListsThatAreNotListsOfIds() {
        assertTrue(refusal("{\"groupIds\":\"a\"}").contains("groupIds must be an array"));
        assertTrue(refusal("{\"userIds\":null}").contains("userIds must be an array"));
        assertTrue(refusal("{\"userIds\":[\"a\",1]}").contains("userIds[1] must be an id"));
        assertTrue(refusal("{\"userIds\":[null]}").contains("userIds[0]"));
        assertTrue(refusal("{\"groupIds\":[\" \"]}").contains("groupIds[0]"));
        assertTrue(refusal("{\"groupIds\":[\"" + "x".repeat(37) + "\"]}").contains("groupIds[0]"));
        assertTrue(refusal("{\"groupIds\":[[\"a\"]]}").contains("groupIds[0]"));
    }

    @Test
    void takesAtMostOneHundredThousandIdsPerList() {
        assertEquals(ProjectionStateRequest.MAX_IDS, parse(body(ProjectionStateRequest.MAX_IDS)).groupIds().size());
        assertTrue(refusal(body(ProjectionStateRequest.MAX_IDS + 1)).contains("at most 100000"));
    }

    @Test
    void theLimitCountsWhatWasSentNotWhatRemainsOnceDeduplicated() {
        String same = IntStream.range(0, ProjectionStateRequest.MAX_IDS + 1).mapToObj(i -> "\"a\"")
                .collect(Collectors.joining(",", "{\"userIds\":[", "]}"));
        assertThrows(InvalidRequestException.class, () -> parse(same));
    }

    private static String body(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"g" + i + "\"")
                .collect(Collectors.joining(",", "{\"groupIds\":[", "]}"));
    }
}
