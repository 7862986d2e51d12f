package ch.procura.keycloak.info;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands Keycloak the {@link InfoResource} for one request's session. */
public class InfoResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final String version;

    InfoResourceProvider(KeycloakSession session, String version) {
        this.session = session;
        this.version = version;
    }

    @Override
    public Object getResource() {
        return new InfoResource(session, version);
    }

    @Override
    public void close() {
        // Nothing held beyond the session, which Keycloak closes itself.
    }
}
