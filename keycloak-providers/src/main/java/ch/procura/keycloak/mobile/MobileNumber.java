package ch.procura.keycloak.mobile;

import java.util.Optional;

/**
 * A mobile number as the person types it, made E.164 ({@code +41791234567}): spaces, dots,
 * dashes, slashes and brackets dropped, a leading {@code 00} read as {@code +}. The same pattern as
 * the realm's user profile ({@code phone_number}: {@code ^\+[1-9][0-9]{7,14}$}); a national number
 * without its country code is refused, since the country cannot be guessed.
 */
public final class MobileNumber {

    private MobileNumber() {}

    /** The number in E.164, or empty when it is not one. */
    public static Optional<String> normalize(String typed) {
        if (typed == null) return Optional.empty();
        String compact = typed.trim().replaceAll("[\\s.()/-]", "");
        if (compact.startsWith("00")) compact = "+" + compact.substring(2);
        return compact.matches("\\+[1-9][0-9]{7,14}") ? Optional.of(compact) : Optional.empty();
    }
}
