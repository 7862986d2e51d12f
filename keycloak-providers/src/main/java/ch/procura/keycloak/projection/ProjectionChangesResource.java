package ch.procura.keycloak.projection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code POST /realms/{realm}/procura/projection-changes}: applies a batch of up to
 * {@value ProjectionChangesRequest#MAX_CHANGES} writes of the sync-service's reconcile plan (users,
 * groups, service role mappings, memberships; see {@link ProjectionChange}) in one call and one
 * transaction, where the admin API takes one call, one token check and one commit per write.
 * Keycloak has no built-in for it (partial import finds groups by path, which slows down with many
 * groups: Keycloak #17645, #40242).
 *
 * <p>Who may call it: {@link RealmManagementAccess} with {@code manage-users}, the role the admin API
 * asks for the same writes; only service clients' roles can be mapped. All or nothing: a malformed
 * batch is refused (400) before anything is written, a change whose group, user or role is gone
 * rolls the whole batch back (409), and so does one on a group or client that is not the
 * projection's ({@link ProjectionOwnership}, 403 {@code not_owned}: issue 14 item 6). Each change is recorded as the admin API would record it (admin
 * events, when the realm keeps them).
 *
 * <p>The answer: {@code {"results": [...]}}, one per change in order: {@code {"id": "…"}} for a
 * created user or group, {@code {"existed": "…", "attributes": {…}}} when one of that name was
 * there already, {@code {}} for a role mapping or membership.
 */
public class ProjectionChangesResource {

    private static final Logger LOG = Logger.getLogger(ProjectionChangesResource.class);
    private static final JsonFactory FACTORY = new JsonFactory();

    private final KeycloakSession session;

    public ProjectionChangesResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response apply(byte[] body) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            throw new NotFoundException();
        }
        RealmManagementAccess.Outcome access = RealmManagementAccess.decide(session, realm, AdminRoles.MANAGE_USERS);
        Response refusal = ProjectionResponses.refusal(access, realm, AdminRoles.MANAGE_USERS);
        if (refusal != null) {
            return refusal;
        }
        List<ProjectionChange> changes;
        try {
            changes = ProjectionChangesRequest.parse(body);
        } catch (InvalidRequestException e) {
            return ProjectionResponses.error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage()).build();
        }
        long start = System.nanoTime();
        List<ChangeResult> results;
        try {
            results = new ProjectionChanges(session, realm, adminEvents(realm, access.auth())).apply(changes);
        } catch (MissingObjectException e) {
            session.getTransactionManager().setRollbackOnly();
            return ProjectionResponses.error(Response.Status.CONFLICT, "missing_object", e.getMessage()).build();
        } catch (NotOwnedException e) {
            session.getTransactionManager().setRollbackOnly();
            LOG.warnf("projection-changes of realm %s refused: %s", realm.getName(), e.getMessage());
            return ProjectionResponses.error(Response.Status.FORBIDDEN, "not_owned", e.getMessage()).build();
        }
        LOG.debugf("projection-changes of realm %s: %d changes in %d ms", realm.getName(), changes.size(), (System.nanoTime() - start) / 1_000_000);
        return ProjectionResponses.json(write(results));
    }

    private AdminEventBuilder adminEvents(RealmModel realm, AuthResult auth) {
        AdminAuth admin = new AdminAuth(realm, auth.token(), auth.user(), auth.client());
        return new AdminEventBuilder(realm, admin, session, session.getContext().getConnection());
    }

    static byte[] write(List<ChangeResult> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * results.size() + 16);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("results");
            for (ChangeResult result : results) {
                json.writeStartObject();
                if (result instanceof ChangeResult.Created created) {
                    json.writeStringField("id", created.id());
                } else if (result instanceof ChangeResult.Existed existed) {
                    json.writeStringField("existed", existed.id());
                    json.writeObjectFieldStart("attributes");
                    for (Map.Entry<String, List<String>> attribute : existed.attributes().entrySet()) {
                        json.writeArrayFieldStart(attribute.getKey());
                        for (String value : attribute.getValue()) {
                            json.writeString(value);
                        }
                        json.writeEndArray();
                    }
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results", e);
        }
        return out.toByteArray();
    }
}
