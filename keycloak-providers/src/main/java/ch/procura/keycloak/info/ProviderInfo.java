package ch.procura.keycloak.info;

import ch.procura.keycloak.rest.ProcuraResourceProviderFactory;
import java.util.Objects;

/**
 * What {@code GET /realms/{realm}/procura/info} answers: enough to prove that Keycloak loaded this
 * JAR, and which build of it.
 *
 * @param provider the id the extension is mounted under, always {@value ProcuraResourceProviderFactory#ID}
 * @param version  the version of the providers JAR
 * @param realm    the name of the realm the request came through
 */
public record ProviderInfo(String provider, String version, String realm) {

    public ProviderInfo {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(realm, "realm");
    }

    /** Describes this JAR, at the given version, as seen from the named realm. */
    public static ProviderInfo describe(String version, String realmName) {
        return new ProviderInfo(ProcuraResourceProviderFactory.ID, version, realmName);
    }
}
