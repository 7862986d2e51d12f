package ch.procura.keycloak.projection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * {@code GET /realms/{realm}/procura/service-clients}: the services' clients ({@link
 * ProjectionOwnership#ownsClient}) with their ids and their roles (the rights) with theirs, what the
 * sync-service needs to map a right onto a group through the admin API. Issue 14 item 6: Keycloak's
 * own client endpoints show these only to {@code view-clients}, which also shows every client's
 * secret; this one needs {@code view-users}, which the sync-service holds anyway, and shows nothing
 * else of any client.
 *
 * <p>The answer: {@code {"clients": [{"clientId": "svc-…", "id": "…", "roles": [{"id": "…", "name": "…"}]}]}},
 * sorted by client id then role name.
 */
public class ServiceClientsResource {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final KeycloakSession session;

    public ServiceClientsResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            throw new NotFoundException();
        }
        Response refusal = ProjectionResponses.refusal(session, realm, AdminRoles.VIEW_USERS);
        if (refusal != null) {
            return refusal;
        }
        List<ClientModel> clients = realm.getClientsStream()
                .filter(client -> ProjectionOwnership.ownsClient(client.getClientId(), client.getAttributes()))
                .sorted(Comparator.comparing(ClientModel::getClientId))
                .toList();
        return ProjectionResponses.json(write(clients));
    }

    private static byte[] write(List<ClientModel> clients) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * (clients.size() + 1));
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("clients");
            for (ClientModel client : clients) {
                json.writeStartObject();
                json.writeStringField("clientId", client.getClientId());
                json.writeStringField("id", client.getId());
                json.writeArrayFieldStart("roles");
                for (RoleModel role : client.getRolesStream().sorted(Comparator.comparing(RoleModel::getName)).toList()) {
                    json.writeStartObject();
                    json.writeStringField("id", role.getId());
                    json.writeStringField("name", role.getName());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the service clients", e);
        }
        return out.toByteArray();
    }
}
