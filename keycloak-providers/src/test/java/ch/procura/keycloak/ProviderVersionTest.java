package ch.procura.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProviderVersionTest {

    private static Properties withVersion(String value) {
        Properties properties = new Properties();
        properties.setProperty(ProviderVersion.KEY, value);
        return properties;
    }

    @Test
    void readsTheVersion() {
        assertEquals("1.2.3", ProviderVersion.from(withVersion(" 1.2.3 ")));
    }

    @Test
    void refusesAMissingVersion() {
        assertThrows(IllegalStateException.class, () -> ProviderVersion.from(new Properties()));
        assertThrows(IllegalStateException.class, () -> ProviderVersion.from(withVersion("  ")));
    }

    @Test
    void refusesAnUnfilteredPlaceholder() {
        assertThrows(IllegalStateException.class,
                () -> ProviderVersion.from(withVersion("${project.version}")));
    }

    @Test
    void theBundledFileCarriesThePomVersion() {
        // Set by surefire from the POM; absent when a test runs outside Maven.
        String expected = System.getProperty("procura.expectedVersion");
        assumeTrue(expected != null && !expected.isBlank(), "run through Maven");
        assertEquals(expected, ProviderVersion.current());
    }
}
