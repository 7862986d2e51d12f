package ch.procura.keycloak.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/** Hands Keycloak the {@link ProcuraResource} for one request's session. */
public class ProcuraResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;
    private final String version;

    ProcuraResourceProvider(KeycloakSession session, String version) {
        this.session = session;
        this.version = version;
    }

    @Override
    public Object getResource() {
        return new ProcuraResource(session, version);
    }

    @Override
    public void close() {
        // Nothing held beyond the session, which Keycloak closes itself.
    }
}
