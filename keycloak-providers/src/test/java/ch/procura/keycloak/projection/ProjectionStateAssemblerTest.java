package ch.procura.keycloak.projection;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.procura.keycloak.projection.ProjectionState.ClientRole;
import ch.procura.keycloak.projection.ProjectionState.Group;
import ch.procura.keycloak.projection.ProjectionState.User;
import ch.procura.keycloak.projection.ProjectionStore.AttributeRow;
import ch.procura.keycloak.projection.ProjectionStore.ClientRoleRow;
import ch.procura.keycloak.projection.ProjectionStore.GroupRow;
import ch.procura.keycloak.projection.ProjectionStore.MembershipRow;
import ch.procura.keycloak.projection.ProjectionStore.UserRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectionStateAssemblerTest {

    private static final List<GroupRow> GROUPS = List.of(
            new GroupRow("g2", "employer-inbox:read", "g1"),
            new GroupRow("g1", "CHE123456788", " "));
    private static final List<AttributeRow> ATTRIBUTES = List.of(
            new AttributeRow("g2", "procura.kind", "grant"),
            new AttributeRow("g1", "procura.kind", "organization"),
            new AttributeRow("g2", "procura.organization", "CHE123456788"),
            new AttributeRow("g1", "tags", "b"),
            new AttributeRow("g1", "tags", "a"));
    private static final List<ClientRoleRow> ROLES = List.of(
            new ClientRoleRow("g2", "svc-employer-inbox", "submit"),
            new ClientRoleRow("g2", "svc-employer-inbox", "read"),
            new ClientRoleRow("g2", "svc-billing", "read"));
    private static final List<MembershipRow> MEMBERS = List.of(
            new MembershipRow("g2", "u2"),
            new MembershipRow("g2", "u1"),
            new MembershipRow("g1", "u3"));
    private static final List<UserRow> USERS = List.of(
            new UserRow("u2", "jean@example.ch", "Jean", "Dupont"),
            new UserRow("u1", null, "Léa", null));

    @Test
    void groupsTheRowsIntoTheResponseShape() {
        ProjectionState state = ProjectionStateAssembler.assemble(GROUPS, ATTRIBUTES, ROLES, MEMBERS, USERS);
        assertEquals(new ProjectionState(
                List.of(
                        new Group("g1", "CHE123456788", null,
                                Map.of("procura.kind", List.of("organization"), "tags", List.of("a", "b")),
                                List.of(), List.of("u3")),
                        new Group("g2", "employer-inbox:read", "g1",
                                Map.of("procura.kind", List.of("grant"), "procura.organization", List.of("CHE123456788")),
                                List.of(new ClientRole("svc-billing", "read"), new ClientRole("svc-employer-inbox", "read"),
                                        new ClientRole("svc-employer-inbox", "submit")),
                                List.of("u1", "u2"))),
                List.of(new User("u1", null, "Léa", null), new User("u2", "jean@example.ch", "Jean", "Dupont"))),
                state);
    }

    @Test
    void attributeNamesComeSorted() {
        Group g2 = ProjectionStateAssembler.assemble(GROUPS, ATTRIBUTES, ROLES, MEMBERS, USERS).groups().get(1);
        assertEquals(List.of("procura.kind", "procura.organization"), new ArrayList<>(g2.attributes().keySet()));
    }

    @Test
    void theOrderOfTheRowsDoesNotMatter() {
        ProjectionState expected = ProjectionStateAssembler.assemble(GROUPS, ATTRIBUTES, ROLES, MEMBERS, USERS);
        for (int seed = 0; seed < 20; seed++) {
            ProjectionState shuffled = ProjectionStateAssembler.assemble(shuffle(GROUPS, seed), shuffle(ATTRIBUTES, seed),
                    shuffle(ROLES, seed), shuffle(MEMBERS, seed), shuffle(USERS, seed));
            assertEquals(expected, shuffled);
            assertEquals(new String(ProjectionStateJson.write(expected), UTF_8), new String(ProjectionStateJson.write(shuffled), UTF_8));
        }
    }

    @Test
    void aGroupWithNothingElseHasEmptyParts() {
        ProjectionState state = ProjectionStateAssembler.assemble(
                List.of(new GroupRow("g", "lonely", null)), List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of(new Group("g", "lonely", null, Map.of(), List.of(), List.of())), state.groups());
    }

    @Test
    void rowsOfGroupsNotFoundAreIgnored() {
        ProjectionState state = ProjectionStateAssembler.assemble(List.of(new GroupRow("g", "n", null)),
                List.of(new AttributeRow("other", "k", "v")), List.of(new ClientRoleRow("other", "c", "r")),
                List.of(new MembershipRow("other", "u")), List.of());
        assertEquals(List.of(new Group("g", "n", null, Map.of(), List.of(), List.of())), state.groups());
    }

    @Test
    void aValueStoredTwiceStaysTwice() {
        ProjectionState state = ProjectionStateAssembler.assemble(List.of(new GroupRow("g", "n", null)),
                List.of(new AttributeRow("g", "k", "v"), new AttributeRow("g", "k", "v")), List.of(), List.of(), List.of());
        assertEquals(List.of("v", "v"), state.groups().get(0).attributes().get("k"));
    }

    @Test
    void aDuplicateRowOfAGroupOrUserCountsOnce() {
        ProjectionState state = ProjectionStateAssembler.assemble(
                List.of(new GroupRow("g", "n", null), new GroupRow("g", "n", null)), List.of(), List.of(),
                List.of(new MembershipRow("g", "u"), new MembershipRow("g", "u")),
                List.of(new UserRow("u", "e", "f", "l"), new UserRow("u", "e", "f", "l")));
        assertEquals(1, state.groups().size());
        assertEquals(List.of("u"), state.groups().get(0).memberIds());
        assertEquals(1, state.users().size());
    }

    @Test
    void aBlankOrNullParentIsTheTopLevel() {
        assertNull(ProjectionStateAssembler.parentId(" "));
        assertNull(ProjectionStateAssembler.parentId(null));
        assertNull(ProjectionStateAssembler.parentId(""));
        assertEquals("p", ProjectionStateAssembler.parentId("p"));
    }

    private static <T> List<T> shuffle(List<T> items, int seed) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }
}
