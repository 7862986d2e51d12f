package ch.procura.keycloak.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.procura.keycloak.projection.ProjectionStore.AttributeRow;
import ch.procura.keycloak.projection.ProjectionStore.ClientRoleRow;
import ch.procura.keycloak.projection.ProjectionStore.GroupRow;
import ch.procura.keycloak.projection.ProjectionStore.MembershipRow;
import ch.procura.keycloak.projection.ProjectionStore.UserRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Decision 0061: the digests of the shared test vector, whatever the order of the rows. */
class ProjectionDigestsTest {

    /** The vector's rows, in the order given or reversed. */
    private record VectorStore(JsonNode vector, boolean reversed) implements DigestStore {

        private <T> List<T> rows(String field, java.util.function.Function<JsonNode, T> toRow) {
            List<T> rows = new ArrayList<>();
            vector.get(field).forEach(node -> rows.add(toRow.apply(node)));
            if (reversed) {
                Collections.reverse(rows);
            }
            return rows;
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        @Override
        public List<GroupRow> realmGroups() {
            return rows("groups", n -> new GroupRow(text(n, "id"), text(n, "name"), text(n, "parentId")));
        }

        @Override
        public void realmUsers(Consumer<UserRow> each) {
            rows("users", n -> new UserRow(text(n, "id"), text(n, "email"), text(n, "firstName"), text(n, "lastName"))).forEach(each);
        }

        @Override
        public void realmAttributes(Consumer<AttributeRow> each) {
            rows("attributes", n -> new AttributeRow(text(n, "groupId"), text(n, "name"), text(n, "value"))).forEach(each);
        }

        @Override
        public void realmClientRoles(Consumer<ClientRoleRow> each) {
            rows("clientRoles", n -> new ClientRoleRow(text(n, "groupId"), text(n, "clientId"), text(n, "role"))).forEach(each);
        }

        @Override
        public void realmMemberships(Consumer<MembershipRow> each) {
            rows("memberships", n -> new MembershipRow(text(n, "groupId"), text(n, "userId"))).forEach(each);
        }
    }

    private static JsonNode vector() throws IOException {
        try (InputStream in = ProjectionDigestsTest.class.getResourceAsStream("/projection-digest-vector.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> roots(JsonNode vector) {
        List<String> roots = new ArrayList<>();
        vector.get("roots").forEach(node -> roots.add(node.asText()));
        return roots;
    }

    private static Map<String, String> expected(JsonNode vector) {
        Map<String, String> expected = new TreeMap<>();
        vector.get("digests").properties().forEach(e -> expected.put(e.getKey(), e.getValue().get("sum").asText() + "/" + e.getValue().get("records").asLong()));
        return expected;
    }

    private static Map<String, String> computed(Map<String, ProjectionDigests.Digest> digests) {
        Map<String, String> shown = new TreeMap<>();
        digests.forEach((id, digest) -> shown.put(id, digest.sum() + "/" + digest.records()));
        return shown;
    }

    @Test
    void theVectorsDigestsAreFoundInAnyOrderOfRowsAndAMissingRootIsLeftOut() throws IOException {
        JsonNode vector = vector();
        assertEquals(expected(vector), computed(ProjectionDigestsResource.compute(new VectorStore(vector, false), roots(vector))));
        assertEquals(expected(vector), computed(ProjectionDigestsResource.compute(new VectorStore(vector, true), roots(vector))));
    }

    @Test
    void aNameChangedByHandChangesItsSubtreesDigestOnly() throws IOException {
        JsonNode vector = vector();
        ((com.fasterxml.jackson.databind.node.ObjectNode) vector.get("groups").get(1)).put("name", "Succursale de Genève ");
        Map<String, String> digests = computed(ProjectionDigestsResource.compute(new VectorStore(vector, false), roots(vector)));
        assertNotEquals(expected(vector).get("org-a"), digests.get("org-a"));
        assertEquals(expected(vector).get("org-b"), digests.get("org-b"));
    }

    @Test
    void aRecordsFieldsCannotRunIntoEachOther() {
        assertNotEquals(new String(ProjectionDigests.record("A", "ab", "c"), StandardCharsets.UTF_8),
                new String(ProjectionDigests.record("A", "a", "bc"), StandardCharsets.UTF_8));
        assertEquals("G2:é~", new String(ProjectionDigests.record("G", "é", null), StandardCharsets.UTF_8));
    }

    @Test
    void theBodyIsRootsOnly() {
        assertEquals(List.of("a", "b"), ProjectionDigestsResource.roots("{\"roots\":[\"a\",\"b\",\"a\"]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidRequestException.class, () -> ProjectionDigestsResource.roots("{\"roots\":[\"a\"],\"all\":true}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidRequestException.class, () -> ProjectionDigestsResource.roots("{\"roots\":[1]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidRequestException.class, () -> ProjectionDigestsResource.roots("{}".getBytes(StandardCharsets.UTF_8)));
    }
}
