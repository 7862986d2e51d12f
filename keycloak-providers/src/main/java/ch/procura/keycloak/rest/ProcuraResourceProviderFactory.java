package ch.procura.keycloak.rest;

import ch.procura.keycloak.ProviderVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers the {@code procura} realm REST extension (SPI {@code realm-restapi-extension}), whose
 * id is also its path: {@code /realms/{realm}/procura}. The endpoints under it live in their own
 * packages ({@code info}, {@code projection}); {@link ProcuraResource} only routes to them.
 */
public class ProcuraResourceProviderFactory implements RealmResourceProviderFactory {

    /** The provider id, and so the path segment after {@code /realms/{realm}/}. */
    public static final String ID = "procura";

    private String version;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        // Read once, at start-up, so a badly built JAR stops Keycloak instead of failing per request.
        version = ProviderVersion.current();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ProcuraResourceProvider(session, version);
    }

    @Override
    public void close() {
    }
}
