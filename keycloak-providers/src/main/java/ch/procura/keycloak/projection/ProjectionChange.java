package ch.procura.keycloak.projection;

import java.util.List;
import java.util.Map;

/**
 * One write of the sync-service's reconcile plan, as the projection-changes endpoint takes it. Groups
 * and users are named by Keycloak id (kept in PostgreSQL); service rights by client id and role name.
 */
public sealed interface ProjectionChange {

    /** A person's account: username and e-mail are the normalized e-mail (R1); enabled, e-mail not verified. */
    record CreateUser(String email, String firstName, String lastName) implements ProjectionChange {
    }

    /** A group under {@code parentId} ({@code null}: top level) with exactly these attributes. */
    record CreateGroup(String parentId, String name, Map<String, List<String>> attributes) implements ProjectionChange {
        public CreateGroup {
            attributes = Map.copyOf(attributes);
        }
    }

    /** Maps the client role {@code role} of client {@code clientId} onto the group. */
    record AddRole(String groupId, String clientId, String role) implements ProjectionChange {
    }

    record RemoveRole(String groupId, String clientId, String role) implements ProjectionChange {
    }

    record AddMember(String groupId, String userId) implements ProjectionChange {
    }

    record RemoveMember(String groupId, String userId) implements ProjectionChange {
    }
}
