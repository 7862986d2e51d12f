package ch.procura.keycloak.mobile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.userprofile.ValidationException;

/** R2: the action's configuration cannot make a verification code live longer than 5 minutes. */
class MobileNumberActionFactoryTest {

    private static RequiredActionConfigModel config(Map<String, String> values) {
        RequiredActionConfigModel model = new RequiredActionConfigModel();
        model.setProviderId(MobileNumberActionFactory.ID);
        model.setConfig(new HashMap<>(values));
        return model;
    }

    @Test
    void acceptsAShortValidityForTestsAndTheDefaults() {
        MobileNumberActionFactory factory = new MobileNumberActionFactory();
        assertDoesNotThrow(() -> factory.validateConfig(null, null, config(Map.of("code.validity.seconds", "3", "resend.cooldown.seconds", "0"))));
        assertDoesNotThrow(() -> factory.validateConfig(null, null, config(Map.of())));
    }

    @Test
    void refusesAValidityAboveFiveMinutesOrNotANumber() {
        MobileNumberActionFactory factory = new MobileNumberActionFactory();
        assertThrows(ValidationException.class, () -> factory.validateConfig(null, null, config(Map.of("code.validity.seconds", "301"))));
        assertThrows(ValidationException.class, () -> factory.validateConfig(null, null, config(Map.of("resend.cooldown.seconds", "soon"))));
    }
}
