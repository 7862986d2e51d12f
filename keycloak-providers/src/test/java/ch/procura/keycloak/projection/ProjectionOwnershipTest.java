package ch.procura.keycloak.projection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14 item 6: the bulk write touches only the groups and clients the projection owns. */
class ProjectionOwnershipTest {

    @Test
    void aGroupIsTheProjectionsWhenMarkedWithItsKind() {
        assertTrue(ProjectionOwnership.ownsGroup(Map.of("procura.kind", List.of("organization"), "procura.id", List.of("a"))));
        assertFalse(ProjectionOwnership.ownsGroup(Map.of()));
        assertFalse(ProjectionOwnership.ownsGroup(null));
        assertFalse(ProjectionOwnership.ownsGroup(Map.of("procura.kind", List.of())));
        assertFalse(ProjectionOwnership.ownsGroup(Map.of("procura.kind", List.of(""))));
        assertFalse(ProjectionOwnership.ownsGroup(Map.of("procura.id", List.of("a"))), "another procura attribute is no mark");
    }

    @Test
    void aClientIsTheProjectionsWhenAMarkedServiceClient() {
        assertTrue(ProjectionOwnership.ownsClient("svc-employer-inbox", Map.of("procura.service", "employer-inbox")));
        assertFalse(ProjectionOwnership.ownsClient("svc-employer-inbox", Map.of()), "the prefix alone is no mark");
        assertFalse(ProjectionOwnership.ownsClient("realm-management", Map.of("procura.service", "x")), "the mark alone on another client is not enough");
        assertFalse(ProjectionOwnership.ownsClient("procura-console", Map.of("pkce.code.challenge.method", "S256")));
        assertFalse(ProjectionOwnership.ownsClient(null, null));
    }
}
