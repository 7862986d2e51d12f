package ch.procura.keycloak.info;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/procura/info}. Unauthenticated on purpose: it only reveals that the JAR is
 * loaded and its version, which the start and test scripts check.
 */
public class InfoResource {

    private final KeycloakSession session;
    private final String version;

    public InfoResource(KeycloakSession session, String version) {
        this.session = session;
        this.version = version;
    }

    /** {@code GET /realms/{realm}/procura/info}: a {@link ProviderInfo}, never cached. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response info() {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            throw new NotFoundException();
        }
        return Response.ok(ProviderInfo.describe(version, realm.getName()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
