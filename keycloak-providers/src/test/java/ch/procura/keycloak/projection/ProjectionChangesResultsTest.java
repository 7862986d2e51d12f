package ch.procura.keycloak.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionChangesResultsTest {

    @Test
    void writesOneResultPerChangeInOrder() {
        byte[] json = ProjectionChangesResource.write(List.of(
                new ChangeResult.Created("g1"),
                new ChangeResult.Existed("g2", Map.of("procura.kind", List.of("organization"))),
                new ChangeResult.Applied()));
        assertEquals("{\"results\":[{\"id\":\"g1\"},{\"existed\":\"g2\",\"attributes\":{\"procura.kind\":[\"organization\"]}},{}]}",
                new String(json, StandardCharsets.UTF_8));
    }
}
