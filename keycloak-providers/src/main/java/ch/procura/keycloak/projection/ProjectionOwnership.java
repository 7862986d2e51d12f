package ch.procura.keycloak.projection;

import java.util.List;
import java.util.Map;

/**
 * Issue 14 item 6: what the projection owns, and so all the bulk write may touch. A group is the
 * projection's when it carries the {@code procura.kind} attribute (organization, unit, role, grant:
 * every group the sync-service creates has it, none of the realm's own groups do); a client when
 * it is a service client: {@code svc-…}, marked with the {@code procura.service} attribute by the
 * realm's configuration. Checked on every change, so that {@code manage-users}, which the caller
 * needs, opens no other group of the realm to it, nor any other client's roles.
 */
final class ProjectionOwnership {

    static final String GROUP_MARK = "procura.kind";
    static final String CLIENT_MARK = "procura.service";

    private ProjectionOwnership() {
    }

    /** Whether a group with these attributes is the projection's. */
    static boolean ownsGroup(Map<String, List<String>> attributes) {
        List<String> kind = attributes == null ? null : attributes.get(GROUP_MARK);
        return kind != null && kind.stream().anyMatch(value -> value != null && !value.isBlank());
    }

    /** Whether a client of this id and these attributes is one whose roles (rights) the projection maps. */
    static boolean ownsClient(String clientId, Map<String, String> attributes) {
        String service = attributes == null ? null : attributes.get(CLIENT_MARK);
        return clientId != null && clientId.startsWith(ProjectionChangesRequest.SERVICE_CLIENT_PREFIX) && service != null && !service.isBlank();
    }
}
