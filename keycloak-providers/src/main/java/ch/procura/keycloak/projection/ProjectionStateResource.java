package ch.procura.keycloak.projection;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code POST /realms/{realm}/procura/projection-state}: in one call, what Keycloak holds of the
 * groups and users the sync-service projects (see {@link ProjectionState}), where the admin API
 * needs several calls per group. Who may call it: {@link RealmManagementAccess} with {@code view-users}; the body:
 * {@link ProjectionStateRequest}.
 *
 * <p>It reads Keycloak's tables directly, in a handful of queries per thousand ids, instead of going
 * through the model API, which costs a query or more per group for its attributes, role mappings and
 * members. That is safe because:
 * <ul>
 *   <li>every write to these rows goes through Keycloak (the admin API, for the sync-service), whose
 *       request transaction is committed before it answers; this request reads in its own
 *       transaction and sees only committed rows, exactly what an admin API read started at the same
 *       moment would find once past the caches;</li>
 *   <li>Keycloak's caches are copies of these rows, invalidated when a write commits: the table can
 *       only be as fresh as the cache or fresher, never older; in a cluster every node writes to
 *       this one database;</li>
 *   <li>it only reads: scalar JPQL selects, no entity loaded into the persistence context, nothing
 *       flushed, no cache touched.</li>
 * </ul>
 * The price: Keycloak's table layout is not a public API. The queries are JPQL on Keycloak's entity
 * classes, so a renamed entity or field fails loudly (500) rather than reading wrong data, and the
 * TypeScript suite exercises the endpoint against the pinned Keycloak version at every upgrade.
 */
public class ProjectionStateResource {

    private static final Logger LOG = Logger.getLogger(ProjectionStateResource.class);

    private final KeycloakSession session;

    public ProjectionStateResource(KeycloakSession session) {
        this.session = session;
    }

    /** Authenticates, then checks the body, then reads: a caller without the role learns nothing. */
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
        ProjectionStateRequest request;
        try {
            request = ProjectionStateRequest.parse(body);
        } catch (InvalidRequestException e) {
            return ProjectionResponses.error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage()).build();
        }
        long start = System.nanoTime();
        ProjectionState state = new ProjectionStateQuery(store(realm)).run(request);
        byte[] json = ProjectionStateJson.write(state);
        LOG.debugf("projection-state of realm %s: %d/%d groups, %d/%d users, %d bytes in %d ms", realm.getName(),
                state.groups().size(), request.groupIds().size(), state.users().size(), request.userIds().size(),
                json.length, (System.nanoTime() - start) / 1_000_000);
        return ProjectionResponses.json(json);
    }

    private ProjectionStore store(RealmModel realm) {
        return new JpaProjectionStore(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm.getId());
    }
}
