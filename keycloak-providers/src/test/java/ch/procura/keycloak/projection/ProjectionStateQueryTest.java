package ch.procura.keycloak.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectionStateQueryTest {

    /** A store over fixed rows that records each call and the number of ids it got. */
    private static final class FakeStore implements ProjectionStore {
        final List<String> calls = new ArrayList<>();
        final Set<String> groups;
        final Set<String> users;

        FakeStore(Set<String> groups, Set<String> users) {
            this.groups = groups;
            this.users = users;
        }

        private List<String> known(String what, List<String> ids, Set<String> existing) {
            calls.add(what + ":" + ids.size());
            assertTrue(ids.size() <= ProjectionStateQuery.CHUNK_SIZE, what + " got " + ids.size() + " ids");
            return ids.stream().filter(existing::contains).toList();
        }

        @Override
        public List<GroupRow> groups(List<String> ids) {
            return known("groups", ids, groups).stream().map(id -> new GroupRow(id, "name-" + id, null)).toList();
        }

        @Override
        public List<AttributeRow> attributes(List<String> ids) {
            return known("attributes", ids, groups).stream().map(id -> new AttributeRow(id, "procura.id", id)).toList();
        }

        @Override
        public List<ClientRoleRow> clientRoles(List<String> ids) {
            return known("clientRoles", ids, groups).stream().map(id -> new ClientRoleRow(id, "svc-a", "read")).toList();
        }

        @Override
        public List<MembershipRow> memberships(List<String> ids) {
            return known("memberships", ids, groups).stream().map(id -> new MembershipRow(id, "u-" + id)).toList();
        }

        @Override
        public List<UserRow> users(List<String> ids) {
            return known("users", ids, users).stream().map(id -> new UserRow(id, id + "@example.ch", "F", "L")).toList();
        }

        /** Every known user is a member of g2 and g1 (in that order: the answer sorts them). */
        @Override
        public List<MembershipRow> groupsOfUsers(List<String> ids) {
            return known("groupsOfUsers", ids, users).stream()
                    .flatMap(id -> java.util.stream.Stream.of(new MembershipRow("g2", id), new MembershipRow("g1", id)))
                    .toList();
        }

        /** Each known group has two subgroups, given in reverse order (the answer sorts them). */
        @Override
        public List<GroupRow> children(List<String> ids) {
            return known("children", ids, groups).stream()
                    .flatMap(id -> java.util.stream.Stream.of(new GroupRow(id + "-b", "b", id), new GroupRow(id + "-a", "a", id)))
                    .toList();
        }
    }

    @Test
    void readsEachPartForTheGroupsFoundOnly() {
        FakeStore store = new FakeStore(Set.of("g1"), Set.of("u1"));
        ProjectionState state = new ProjectionStateQuery(store)
                .run(new ProjectionStateRequest(List.of("g1", "missing"), List.of("u1", "nobody")));
        assertEquals(List.of("groups:2", "attributes:1", "clientRoles:1", "memberships:1", "users:2"), store.calls);
        assertEquals(new ProjectionState(
                List.of(new ProjectionState.Group("g1", "name-g1", null, Map.of("procura.id", List.of("g1")),
                        List.of(new ProjectionState.ClientRole("svc-a", "read")), List.of("u-g1"))),
                List.of(new ProjectionState.User("u1", "u1@example.ch", "F", "L"))), state);
    }

    @Test
    void readsTheGroupsOfTheUsersAskedForTheirsOnly() {
        FakeStore store = new FakeStore(Set.of(), Set.of("u1", "u2"));
        ProjectionState state = new ProjectionStateQuery(store)
                .run(new ProjectionStateRequest(List.of(), List.of(), List.of("u2", "u1", "nobody")));
        assertEquals(List.of("groupsOfUsers:3"), store.calls);
        assertEquals(List.of(new ProjectionState.UserGroups("u1", List.of("g1", "g2")),
                new ProjectionState.UserGroups("u2", List.of("g1", "g2"))), state.userGroups());
    }

    @Test
    void readsTheSubgroupsOfTheGroupsAskedForTheirsOnly() {
        FakeStore store = new FakeStore(Set.of("g1"), Set.of());
        ProjectionState state = new ProjectionStateQuery(store)
                .run(new ProjectionStateRequest(List.of(), List.of(), List.of(), List.of("g1", "missing")));
        assertEquals(List.of("children:2"), store.calls);
        assertEquals(List.of(new ProjectionState.Child("g1-a", "a", "g1"), new ProjectionState.Child("g1-b", "b", "g1")), state.children());
    }

    @Test
    void asksInChunksOfAThousandIds() {
        List<String> groups = ids("g", 2_500);
        List<String> users = ids("u", 1_000);
        FakeStore store = new FakeStore(Set.copyOf(groups), Set.copyOf(users));
        ProjectionState state = new ProjectionStateQuery(store).run(new ProjectionStateRequest(groups, users));
        assertEquals(List.of("groups:1000", "groups:1000", "groups:500",
                "attributes:1000", "attributes:1000", "attributes:500",
                "clientRoles:1000", "clientRoles:1000", "clientRoles:500",
                "memberships:1000", "memberships:1000", "memberships:500",
                "users:1000"), store.calls);
        assertEquals(2_500, state.groups().size());
        assertEquals(1_000, state.users().size());
    }

    @Test
    void nothingAskedReadsNothing() {
        FakeStore store = new FakeStore(Set.of("g"), Set.of("u"));
        ProjectionState state = new ProjectionStateQuery(store).run(new ProjectionStateRequest(List.of(), List.of()));
        assertEquals(List.of(), store.calls);
        assertEquals(new ProjectionState(List.of(), List.of()), state);
    }

    @Test
    void noGroupFoundReadsNoPartOfAGroup() {
        FakeStore store = new FakeStore(Set.of(), Set.of());
        new ProjectionStateQuery(store).run(new ProjectionStateRequest(List.of("gone"), List.of()));
        assertEquals(List.of("groups:1"), store.calls);
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s%05d", prefix, i)).toList();
    }
}
