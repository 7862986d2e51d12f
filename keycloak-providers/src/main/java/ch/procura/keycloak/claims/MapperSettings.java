package ch.procura.keycloak.claims;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The mapper's configuration, read from the protocol mapper's config map.
 *
 * @param claimName        the claim that holds the organizations ({@value #DEFAULT_CLAIM_NAME})
 * @param mode             which groups are read
 * @param maxOrganizations above this many entries, only the active organization's is emitted
 */
public record MapperSettings(String claimName, Mode mode, int maxOrganizations) {

    /** Same key as Keycloak's own mappers, so the admin console shows it the familiar way. */
    public static final String CLAIM_NAME = "claim.name";
    public static final String MODE = "mode";
    public static final String MAX_ORGANIZATIONS = "max.organizations";

    public static final String DEFAULT_CLAIM_NAME = "organizations";
    public static final int DEFAULT_MAX_ORGANIZATIONS = 50;

    /** Set as is as a top-level claim: no dots, so that nobody expects Keycloak's nesting. */
    private static final Pattern CLAIM_NAME_FORM = Pattern.compile("[A-Za-z0-9_-]+");

    /** Which groups the claim is built from. */
    public enum Mode {
        /** Grant groups: the token's client's rights, per organization. For a service's client. */
        RIGHTS("rights"),
        /** Role and mandate groups: the user's role in each organization. For the console. */
        ROLES("roles");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        static Mode parse(String value) {
            return Arrays.stream(values())
                    .filter(mode -> mode.value.equals(value))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(MODE + " must be rights or roles"));
        }
    }

    public MapperSettings {
        if (claimName == null || !CLAIM_NAME_FORM.matcher(claimName).matches()) {
            throw new IllegalArgumentException(CLAIM_NAME + " must be letters, digits, _ or - (no dots)");
        }
        if (claimName.equals(ClaimResult.ACTIVE_ORGANIZATION_CLAIM)) {
            throw new IllegalArgumentException(CLAIM_NAME + " cannot be " + ClaimResult.ACTIVE_ORGANIZATION_CLAIM);
        }
        if (mode == null) {
            throw new IllegalArgumentException(MODE + " is missing");
        }
        if (maxOrganizations < 0) {
            throw new IllegalArgumentException(MAX_ORGANIZATIONS + " cannot be negative");
        }
    }

    /**
     * Reads the config. Messages never repeat the value: Keycloak's admin API formats them with
     * {@link java.text.MessageFormat}, which quotes and braces in a value would garble.
     *
     * <p>An absent or blank value takes its default (mode {@code rights}, the narrower
     * one).
     *
     * @throws IllegalArgumentException on a value that is there but wrong
     */
    public static MapperSettings from(Map<String, String> config) {
        String claimName = Text.orNull(config.get(CLAIM_NAME));
        String mode = Text.orNull(config.get(MODE));
        String max = Text.orNull(config.get(MAX_ORGANIZATIONS));
        return new MapperSettings(
                claimName == null ? DEFAULT_CLAIM_NAME : claimName,
                mode == null ? Mode.RIGHTS : Mode.parse(mode),
                max == null ? DEFAULT_MAX_ORGANIZATIONS : parseMax(max));
    }

    private static int parseMax(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_ORGANIZATIONS + " must be a whole number", e);
        }
    }
}
