package ch.procura.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 14 item 1: the code is the factor of those who have nothing stronger; the operator's staff enrol an app. */
class FactorPolicyTest {

    @Test
    void theCodeIsOfferedToAPersonWithAPasswordOnly() {
        assertTrue(FactorPolicy.codeOffered(true, Set.of("password")));
    }

    @Test
    void anAuthenticatorAppOrAPasskeyTakesTheCodeAway() {
        assertFalse(FactorPolicy.codeOffered(true, Set.of("password", "otp")));
        assertFalse(FactorPolicy.codeOffered(true, Set.of("password", "webauthn")));
        assertFalse(FactorPolicy.codeOffered(true, Set.of("webauthn-passwordless")));
    }

    @Test
    void noAddressNoCode() {
        assertFalse(FactorPolicy.codeOffered(false, Set.of("password")));
    }

    @Test
    void theOperatorsStaffWithoutAnAppMustEnrolOneAndNobodyElseMust() {
        assertTrue(FactorPolicy.mustEnrolApp(true, Set.of("password")));
        assertFalse(FactorPolicy.mustEnrolApp(true, Set.of("password", "otp")));
        assertFalse(FactorPolicy.mustEnrolApp(false, Set.of("password")));
    }
}
