package ch.procura.keycloak.projection;

import ch.procura.keycloak.projection.ChangeResult.Applied;
import ch.procura.keycloak.projection.ChangeResult.Created;
import ch.procura.keycloak.projection.ChangeResult.Existed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Applies a batch of {@link ProjectionChange}s through Keycloak's model API, in the request's one
 * transaction, doing what the admin API's endpoints do for each (the same checks for "exists" and
 * "already a member", the same admin events), without an HTTP round trip, a token check and a
 * commit per change.
 */
final class ProjectionChanges {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEventBuilder events;

    ProjectionChanges(KeycloakSession session, RealmModel realm, AdminEventBuilder events) {
        this.session = session;
        this.realm = realm;
        this.events = events;
    }

    /**
     * @throws MissingObjectException naming the first change whose group, user, client or role is gone
     * @throws NotOwnedException naming the first change on a group or client that is not the projection's
     */
    List<ChangeResult> apply(List<ProjectionChange> changes) {
        List<ChangeResult> results = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            try {
                results.add(apply(changes.get(i)));
            } catch (MissingObjectException e) {
                throw new MissingObjectException("changes[" + i + "]: " + e.getMessage());
            } catch (NotOwnedException e) {
                throw new NotOwnedException("changes[" + i + "]: " + e.getMessage());
            }
        }
        return results;
    }

    private ChangeResult apply(ProjectionChange change) {
        if (change instanceof ProjectionChange.CreateUser c) {
            return createUser(c);
        }
        if (change instanceof ProjectionChange.CreateGroup c) {
            return createGroup(c);
        }
        if (change instanceof ProjectionChange.AddRole c) {
            return mapRole(c.groupId(), c.clientId(), c.role(), true);
        }
        if (change instanceof ProjectionChange.RemoveRole c) {
            return mapRole(c.groupId(), c.clientId(), c.role(), false);
        }
        if (change instanceof ProjectionChange.AddMember c) {
            return membership(c.groupId(), c.userId(), true);
        }
        ProjectionChange.RemoveMember c = (ProjectionChange.RemoveMember) change;
        return membership(c.groupId(), c.userId(), false);
    }

    private ChangeResult createUser(ProjectionChange.CreateUser change) {
        UserModel existing = session.users().getUserByUsername(realm, change.email());
        if (existing == null) {
            existing = session.users().getUserByEmail(realm, change.email());
        }
        if (existing != null) {
            return new Existed(existing.getId(), Map.of());
        }
        UserModel user = session.users().addUser(realm, change.email());
        user.setEmail(change.email());
        user.setFirstName(change.firstName());
        user.setLastName(change.lastName());
        user.setEnabled(true);
        user.setEmailVerified(false);
        event(OperationType.CREATE, ResourceType.USER, "users", user.getId());
        return new Created(user.getId());
    }

    private ChangeResult createGroup(ProjectionChange.CreateGroup change) {
        GroupModel parent = change.parentId() == null ? null : group(change.parentId());
        GroupModel existing = session.groups().getGroupByName(realm, parent, change.name());
        if (existing != null) {
            if (!ProjectionOwnership.ownsGroup(existing.getAttributes())) {
                throw new NotOwnedException("group " + existing.getId() + " (" + change.name() + ") is not the projection's");
            }
            return new Existed(existing.getId(), existing.getAttributes());
        }
        GroupModel group = session.groups().createGroup(realm, change.name(), parent);
        change.attributes().forEach(group::setAttribute);
        if (parent == null) {
            event(OperationType.CREATE, ResourceType.GROUP, "groups", group.getId());
        } else {
            event(OperationType.CREATE, ResourceType.GROUP, "groups", parent.getId(), "children");
        }
        return new Created(group.getId());
    }

    private ChangeResult mapRole(String groupId, String clientId, String roleName, boolean add) {
        GroupModel group = group(groupId);
        ClientModel client = realm.getClientByClientId(clientId);
        RoleModel role = client == null ? null : client.getRole(roleName);
        if (role == null) {
            throw new MissingObjectException("no role " + roleName + " of client " + clientId);
        }
        if (!ProjectionOwnership.ownsClient(client.getClientId(), client.getAttributes())) {
            throw new NotOwnedException("client " + clientId + " is not a service client of the projection (no " + ProjectionOwnership.CLIENT_MARK + ")");
        }
        if (group.hasDirectRole(role) == add) {
            return new Applied();
        }
        if (add) {
            group.grantRole(role);
        } else {
            group.deleteRoleMapping(role);
        }
        event(add ? OperationType.CREATE : OperationType.DELETE, ResourceType.CLIENT_ROLE_MAPPING,
                "groups", group.getId(), "role-mappings", "clients", client.getId());
        return new Applied();
    }

    private ChangeResult membership(String groupId, String userId, boolean add) {
        GroupModel group = group(groupId);
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw new MissingObjectException("no user " + userId);
        }
        // Both are no-ops when the membership is already as asked (one query on the membership table,
        // where the admin API's check would load all the user's groups).
        if (add) {
            user.joinGroup(group);
        } else {
            user.leaveGroup(group);
        }
        event(add ? OperationType.CREATE : OperationType.DELETE, ResourceType.GROUP_MEMBERSHIP,
                "users", user.getId(), "groups", group.getId());
        return new Applied();
    }

    private GroupModel group(String id) {
        GroupModel group = session.groups().getGroupById(realm, id);
        if (group == null) {
            throw new MissingObjectException("no group " + id);
        }
        if (!ProjectionOwnership.ownsGroup(group.getAttributes())) {
            throw new NotOwnedException("group " + id + " is not the projection's (no " + ProjectionOwnership.GROUP_MARK + ")");
        }
        return group;
    }

    private void event(OperationType operation, ResourceType resource, String... path) {
        events.operation(operation).resource(resource).resourcePath(path).success();
    }
}
