package ch.procura.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MapperSettingsTest {

    @Test
    void takesTheDefaultsForWhatIsMissing() {
        assertEquals(new MapperSettings("organizations", MapperSettings.Mode.RIGHTS, 50), MapperSettings.from(Map.of()));
        assertEquals(new MapperSettings("organizations", MapperSettings.Mode.RIGHTS, 50),
                MapperSettings.from(Map.of("claim.name", " ", "mode", "", "max.organizations", "")));
    }

    @Test
    void readsWhatIsSet() {
        assertEquals(new MapperSettings("orgs", MapperSettings.Mode.ROLES, 1),
                MapperSettings.from(Map.of("claim.name", "orgs", "mode", "roles", "max.organizations", "1")));
    }

    @Test
    void refusesWrongValues() {
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.from(Map.of("mode", "groups")));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.from(Map.of("max.organizations", "many")));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.from(Map.of("max.organizations", "-1")));
        assertThrows(IllegalArgumentException.class, () -> MapperSettings.from(Map.of("claim.name", "procura.orgs")));
        assertThrows(IllegalArgumentException.class,
                () -> MapperSettings.from(Map.of("claim.name", "active_organization")));
    }
}
