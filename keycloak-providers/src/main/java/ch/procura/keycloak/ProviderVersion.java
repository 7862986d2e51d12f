package ch.procura.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The version of this providers JAR, as Maven wrote it into {@value #RESOURCE} at build time.
 *
 * <p>The file sits in this class's package rather than at the classpath root because Keycloak puts
 * every provider JAR on one classpath, where a root-level name could be shadowed by another JAR.
 */
public final class ProviderVersion {

    static final String RESOURCE = "procura-providers.properties";
    static final String KEY = "version";

    private ProviderVersion() {
    }

    /**
     * Reads the version bundled in this JAR.
     *
     * @throws IllegalStateException if the file is missing or was not filtered by Maven
     */
    public static String current() {
        try (InputStream in = ProviderVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the providers JAR");
            }
            return from(load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Extracts the version from the properties, refusing a value Maven did not substitute: an
     * unfiltered {@code ${project.version}} would otherwise be reported as if it were a version.
     */
    static String from(Properties properties) {
        String version = properties.getProperty(KEY, "").trim();
        if (version.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " has no '" + KEY + "'");
        }
        if (version.contains("${")) {
            throw new IllegalStateException(RESOURCE + " was not filtered by Maven: " + version);
        }
        return version;
    }

    private static Properties load(InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
