package ch.procura.keycloak.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** R2: the number typed becomes E.164, or is refused; the user profile's pattern is the bound. */
class MobileNumberTest {

    @Test
    void keepsOnlyTheDigitsOfAnInternationalNumber() {
        assertEquals(Optional.of("+41791234567"), MobileNumber.normalize(" +41 79 123 45 67 "));
        assertEquals(Optional.of("+41791234567"), MobileNumber.normalize("+41-79.123/45 (67)"));
        assertEquals(Optional.of("+33612345678"), MobileNumber.normalize("0033 6 12 34 56 78"));
    }

    @Test
    void refusesWhatIsNotAnInternationalMobileNumber() {
        assertEquals(Optional.empty(), MobileNumber.normalize("079 123 45 67"));
        assertEquals(Optional.empty(), MobileNumber.normalize("+41 79 ABC 45 67"));
        assertEquals(Optional.empty(), MobileNumber.normalize("+0791234567"));
        assertEquals(Optional.empty(), MobileNumber.normalize("+4179"));
        assertEquals(Optional.empty(), MobileNumber.normalize("+1234567890123456"));
        assertEquals(Optional.empty(), MobileNumber.normalize(""));
        assertEquals(Optional.empty(), MobileNumber.normalize(null));
    }
}
