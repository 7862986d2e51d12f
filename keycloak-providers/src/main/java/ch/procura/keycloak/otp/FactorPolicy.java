package ch.procura.keycloak.otp;

import java.util.Set;

/**
 * Issue 14 item 1, R2, R31: when the code by e-mail or SMS may serve as a person's second factor.
 * It is the factor of everyone who has nothing stronger; once a person enrolled an authenticator app
 * or a passkey, that factor is theirs and "try another way" no longer falls back to the code (an
 * attacker holding the mailbox would otherwise skip the app). The operator's staff must use an app
 * or a passkey: the code serves them only once, to enrol an authenticator app right after it.
 */
public final class FactorPolicy {

    /** Keycloak's credential types of the stronger factors: authenticator app (TOTP/HOTP), WebAuthn (2FA and passwordless). */
    static final Set<String> STRONGER = Set.of("otp", "webauthn", "webauthn-passwordless");

    /** The realm role of the operator's staff (realm-config/base-realm.json, decision 0022). */
    public static final String OPERATOR_ROLE = "procura-operator";

    private FactorPolicy() {
    }

    /** The person has an authenticator app or a passkey among their credentials' types. */
    public static boolean hasStrongerFactor(Set<String> credentialTypes) {
        return credentialTypes.stream().anyMatch(STRONGER::contains);
    }

    /** The code is offered: the person has an e-mail address and no stronger factor. */
    public static boolean codeOffered(boolean hasEmail, Set<String> credentialTypes) {
        return hasEmail && !hasStrongerFactor(credentialTypes);
    }

    /** After the code, the person must enrol an authenticator app before the login ends: the operator's staff without one. */
    public static boolean mustEnrolApp(boolean operator, Set<String> credentialTypes) {
        return operator && !hasStrongerFactor(credentialTypes);
    }
}
