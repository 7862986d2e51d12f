package ch.procura.keycloak.bruteforce;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.managers.BruteForceProtectorFactory;

/**
 * Factory of the brute-force detector {@code procura-brute-force-detector}: Keycloak's counting and
 * lock-out, with one user's concurrent logins queued ({@link QueuedBruteForceProtector}). Selected at
 * build time: {@code kc.sh build --spi-brute-force-protector--provider=procura-brute-force-detector}.
 * Options: {@code --spi-brute-force-protector--procura-brute-force-detector--wait-millis} (how long a
 * login waits for its turn, default 5000) and {@code …--lease-millis} (when a turn left by a dead
 * request ends, default 30000).
 */
public final class QueuedBruteForceProtectorFactory implements BruteForceProtectorFactory {

    public static final String ID = "procura-brute-force-detector";

    private long waitMillis = 5_000;
    private long leaseMillis = 30_000;
    private QueuedBruteForceProtector protector;

    @Override
    public BruteForceProtector create(KeycloakSession session) {
        return protector;
    }

    @Override
    public void init(Config.Scope config) {
        waitMillis = bounded(config.getLong("waitMillis", config.getLong("wait-millis", waitMillis)), 100, 60_000, "wait-millis");
        leaseMillis = bounded(config.getLong("leaseMillis", config.getLong("lease-millis", leaseMillis)), waitMillis, 600_000, "lease-millis");
    }

    private static long bounded(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(ID + ": " + name + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        protector = new QueuedBruteForceProtector(factory, new LoginTurns(leaseMillis, System::currentTimeMillis), waitMillis);
    }

    @Override
    public void close() {
        if (protector != null) protector.shutdown();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("wait-millis").type("long").defaultValue(5_000L)
                .helpText("How long a login waits for the end of another login of the same user before it is refused as locked out.").add()
                .property().name("lease-millis").type("long").defaultValue(30_000L)
                .helpText("When the turn of a login that never ended is given to the next one.").add()
                .build();
    }
}
