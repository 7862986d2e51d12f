package ch.procura.keycloak.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code POST /realms/{realm}/procura/projection-digests} (decision 0061): body {@code {"roots": [group
 * ids]}}, answer {@code {"digests": [{"id", "sum", "records"}]}}, one per root found, computed by
 * {@link ProjectionDigests} over the realm's tables read once (see {@link ProjectionStateResource} for
 * why reading the tables is safe). A full reconcile asks it for every organization's group and reads
 * in detail only those whose digest differs from the model's. Who may call it: {@link
 * RealmManagementAccess} with {@code view-users}.
 */
public class ProjectionDigestsResource {

    private static final Logger LOG = Logger.getLogger(ProjectionDigestsResource.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String ROOTS = "roots";

    private final KeycloakSession session;

    public ProjectionDigestsResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(byte[] body) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            throw new NotFoundException();
        }
        Response refusal = ProjectionResponses.refusal(session, realm, AdminRoles.VIEW_USERS);
        if (refusal != null) {
            return refusal;
        }
        List<String> roots;
        try {
            roots = roots(body);
        } catch (InvalidRequestException e) {
            return ProjectionResponses.error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage()).build();
        }
        long start = System.nanoTime();
        JpaProjectionStore store = new JpaProjectionStore(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm.getId());
        Map<String, ProjectionDigests.Digest> digests = compute(store, roots);
        byte[] json = write(digests);
        LOG.debugf("projection-digests of realm %s: %d/%d roots in %d ms", realm.getName(), digests.size(), roots.size(),
                (System.nanoTime() - start) / 1_000_000);
        return ProjectionResponses.json(json);
    }

    /** Groups first (to place every row in its subtree), users before the memberships that carry them. */
    static Map<String, ProjectionDigests.Digest> compute(DigestStore store, List<String> roots) {
        ProjectionDigests digests = new ProjectionDigests(roots, store.realmGroups());
        store.realmUsers(digests::user);
        store.realmAttributes(digests::attribute);
        store.realmClientRoles(digests::clientRole);
        store.realmMemberships(digests::membership);
        return digests.digests();
    }

    /** The roots asked for: an object with one field, {@code roots}, a list of at most {@link ProjectionStateRequest#MAX_IDS} ids. */
    static List<String> roots(byte[] body) {
        JsonNode root = ProjectionStateRequest.object(body, Set.of(ROOTS), ROOTS);
        if (root.get(ROOTS) == null) {
            throw new InvalidRequestException("roots must be an array of group ids");
        }
        return ProjectionStateRequest.ids(root, ROOTS);
    }

    static byte[] write(Map<String, ProjectionDigests.Digest> digests) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("digests");
        digests.forEach((id, digest) -> list.addObject().put("id", id).put("sum", digest.sum()).put("records", digest.records()));
        try {
            return JSON.writeValueAsBytes(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always writes", e);
        }
    }
}
