package ch.procura.keycloak.info;

import ch.procura.keycloak.rest.ProcuraResourceProviderFactory;
import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /realms/{realm}/procura/info} answers: enough to prove that Keycloak loaded this
 * JAR, which build of it, and what it serves. The sync-service reads {@code endpoints} once and
 * decides from it alone which of its calls go to this JAR and which fall back to Keycloak's admin
 * API (issue 20 item 2), instead of guessing from each call's 404.
 *
 * @param provider  the id the extension is mounted under, always {@value ProcuraResourceProviderFactory#ID}
 * @param version   the version of the providers JAR
 * @param realm     the name of the realm the request came through
 * @param endpoints what this build serves besides {@code info}, see {@link #ENDPOINTS}
 */
public record ProviderInfo(String provider, String version, String realm, List<String> endpoints) {

    /**
     * The endpoints of this build under {@code /realms/{realm}/procura/}, and the questions added to
     * one of them later ({@code projection-state.groups-of-users}: its {@code groupsOfUserIds}).
     * A name is added here with the endpoint or question it names, never renamed.
     */
    public static final List<String> ENDPOINTS = List.of(
            "projection-state",
            "projection-state.groups-of-users",
            "projection-digests",
            "projection-changes",
            "service-clients");

    public ProviderInfo {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(realm, "realm");
        endpoints = List.copyOf(endpoints);
    }

    /** Describes this JAR, at the given version, as seen from the named realm. */
    public static ProviderInfo describe(String version, String realmName) {
        return new ProviderInfo(ProcuraResourceProviderFactory.ID, version, realmName, ENDPOINTS);
    }
}
