package ch.procura.keycloak.rest;

import ch.procura.keycloak.info.InfoResource;
import ch.procura.keycloak.projection.ProjectionChangesResource;
import ch.procura.keycloak.projection.ProjectionDigestsResource;
import ch.procura.keycloak.projection.ProjectionStateResource;
import ch.procura.keycloak.projection.ServiceClientsResource;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;

/**
 * The JAX-RS resource at {@code /realms/{realm}/procura}: sub-resource locators only, each endpoint
 * being its own package's concern and doing its own authentication.
 */
public class ProcuraResource {

    private final KeycloakSession session;
    private final String version;

    ProcuraResource(KeycloakSession session, String version) {
        this.session = session;
        this.version = version;
    }

    /** {@code /realms/{realm}/procura/info}: unauthenticated, see {@link InfoResource}. */
    @Path("info")
    public InfoResource info() {
        return new InfoResource(session, version);
    }

    /** {@code /realms/{realm}/procura/projection-state}: see {@link ProjectionStateResource}. */
    @Path("projection-state")
    public ProjectionStateResource projectionState() {
        return new ProjectionStateResource(session);
    }

    /** {@code /realms/{realm}/procura/projection-digests}: see {@link ProjectionDigestsResource}. */
    @Path("projection-digests")
    public ProjectionDigestsResource projectionDigests() {
        return new ProjectionDigestsResource(session);
    }

    /** {@code /realms/{realm}/procura/projection-changes}: see {@link ProjectionChangesResource}. */
    @Path("projection-changes")
    public ProjectionChangesResource projectionChanges() {
        return new ProjectionChangesResource(session);
    }

    /** {@code /realms/{realm}/procura/service-clients}: see {@link ServiceClientsResource}. */
    @Path("service-clients")
    public ServiceClientsResource serviceClients() {
        return new ServiceClientsResource(session);
    }
}
