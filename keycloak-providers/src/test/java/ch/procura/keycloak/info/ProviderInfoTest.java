package ch.procura.keycloak.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.procura.keycloak.rest.ProcuraResource;
import ch.procura.keycloak.rest.ProcuraResourceProviderFactory;
import jakarta.ws.rs.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProviderInfoTest {

    @Test
    void describesTheJarAsSeenFromARealm() {
        assertEquals(new ProviderInfo("procura", "0.1.0", "acme", ProviderInfo.ENDPOINTS), ProviderInfo.describe("0.1.0", "acme"));
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

    /** Issue 20 item 2: an endpoint mounted but not announced would never be called; one announced but not mounted would answer 404. */
    @Test
    void announcesExactlyTheEndpointsTheResourceMounts() {
        Set<String> mounted = Arrays.stream(ProcuraResource.class.getMethods())
                .filter(method -> method.isAnnotationPresent(Path.class))
                .map(method -> method.getAnnotation(Path.class).value())
                .filter(path -> !path.equals("info"))
                .collect(Collectors.toSet());
        Set<String> announced = ProviderInfo.ENDPOINTS.stream()
                .filter(name -> !name.contains("."))
                .collect(Collectors.toSet());
        assertEquals(mounted, announced);
        for (String question : ProviderInfo.ENDPOINTS) {
            String endpoint = question.split("\\.", 2)[0];
            assertEquals(true, mounted.contains(endpoint), question + " names an endpoint that is not mounted");
        }
    }
}
