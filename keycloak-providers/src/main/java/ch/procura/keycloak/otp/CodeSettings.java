package ch.procura.keycloak.otp;

import java.util.Map;

/**
 * The one-time code's settings (R2), read from the authenticator's configuration in the realm, each
 * bounded so that no configuration can weaken the code below the floor: 6 digits or more,
 * valid 5 minutes at most, at most 5 tries per code, at most 10 codes sent per login attempt.
 *
 * @param length digits of a code, 6 to 10
 * @param validitySeconds how long a code is accepted, 1 to 300 (short values are for tests)
 * @param maxAttempts tries per code before a new one is needed, 1 to 5
 * @param resendCooldownSeconds wait between two codes sent on request, whatever the channel, 0 to 600
 * @param maxSends codes sent in one login attempt (the first, those asked for again, by e-mail or
 *     SMS, and those that replace a code spent by wrong tries), 1 to 10
 */
public record CodeSettings(int length, int validitySeconds, int maxAttempts, int resendCooldownSeconds, int maxSends) {

    public static final String LENGTH = "code.length";
    public static final String VALIDITY = "code.validity.seconds";
    public static final String MAX_ATTEMPTS = "code.max.attempts";
    public static final String RESEND_COOLDOWN = "resend.cooldown.seconds";
    public static final String MAX_SENDS = "code.max.sends";

    public static final CodeSettings DEFAULTS = new CodeSettings(6, 300, 5, 30, 5);

    public CodeSettings {
        require(length >= 6 && length <= 10, LENGTH + " must be 6 to 10");
        require(validitySeconds >= 1 && validitySeconds <= 300, VALIDITY + " must be 1 to 300");
        require(maxAttempts >= 1 && maxAttempts <= 5, MAX_ATTEMPTS + " must be 1 to 5");
        require(resendCooldownSeconds >= 0 && resendCooldownSeconds <= 600, RESEND_COOLDOWN + " must be 0 to 600");
        require(maxSends >= 1 && maxSends <= 10, MAX_SENDS + " must be 1 to 10");
    }

    /** The validity as the messages say it: whole minutes, rounded up, at least one. */
    public int validityMinutes() {
        return Math.max(1, (validitySeconds + 59) / 60);
    }

    /** Settings from an authenticator configuration; absent or blank keys keep their default. */
    public static CodeSettings from(Map<String, String> config) {
        Map<String, String> values = config == null ? Map.of() : config;
        return new CodeSettings(
                number(values, LENGTH, DEFAULTS.length),
                number(values, VALIDITY, DEFAULTS.validitySeconds),
                number(values, MAX_ATTEMPTS, DEFAULTS.maxAttempts),
                number(values, RESEND_COOLDOWN, DEFAULTS.resendCooldownSeconds),
                number(values, MAX_SENDS, DEFAULTS.maxSends));
    }

    private static int number(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        if (value == null || value.isBlank()) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value, e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
