package ch.procura.keycloak.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.procura.keycloak.rest.ProcuraResourceProviderFactory;
import org.junit.jupiter.api.Test;

class ProviderInfoTest {

    @Test
    void describesTheJarAsSeenFromARealm() {
        assertEquals(new ProviderInfo("procura", "0.1.0", "acme"), ProviderInfo.describe("0.1.0", "acme"));
    }

    @Test
    void theProviderIsTheIdTheExtensionIsMountedUnder() {
        assertEquals(ProcuraResourceProviderFactory.ID, ProviderInfo.describe("0.1.0", "acme").provider());
    }

    @Test
    void refusesMissingParts() {
        assertThrows(NullPointerException.class, () -> ProviderInfo.describe(null, "acme"));
        assertThrows(NullPointerException.class, () -> ProviderInfo.describe("0.1.0", null));
    }
}
