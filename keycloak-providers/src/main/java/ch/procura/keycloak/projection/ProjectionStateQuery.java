package ch.procura.keycloak.projection;

import ch.procura.keycloak.projection.ProjectionStore.GroupRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Answers a {@link ProjectionStateRequest} from a {@link ProjectionStore} with a handful of queries
 * per thousand ids, whatever the number of groups, attributes or members: the groups first, then
 * their attributes, client roles and members for the groups found only, then the users, then the
 * groups of the users asked for theirs, then the subgroups of the groups asked for theirs. Pure.
 */
final class ProjectionStateQuery {

    /** Ids per query: within every database's limit on an {@code IN} list and on bind parameters. */
    static final int CHUNK_SIZE = 1_000;

    private final ProjectionStore store;

    ProjectionStateQuery(ProjectionStore store) {
        this.store = store;
    }

    ProjectionState run(ProjectionStateRequest request) {
        List<GroupRow> groups = inChunks(request.groupIds(), store::groups);
        List<String> found = groups.stream().map(GroupRow::id).toList();
        ProjectionState state = ProjectionStateAssembler.assemble(
                groups,
                inChunks(found, store::attributes),
                inChunks(found, store::clientRoles),
                inChunks(found, store::memberships),
                inChunks(request.userIds(), store::users));
        return new ProjectionState(state.groups(), state.users(),
                ProjectionStateAssembler.userGroups(inChunks(request.groupsOfUserIds(), store::groupsOfUsers)),
                ProjectionStateAssembler.children(inChunks(request.childrenOf(), store::children)));
    }

    private static <T> List<T> inChunks(List<String> ids, Function<List<String>, List<T>> read) {
        List<T> rows = new ArrayList<>();
        for (List<String> chunk : Chunks.of(ids, CHUNK_SIZE)) {
            rows.addAll(read.apply(chunk));
        }
        return rows;
    }
}
