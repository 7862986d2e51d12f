package ch.procura.keycloak.claims;

/** Blank-tolerant reading of the strings that come from group attributes and request notes. */
final class Text {

    private Text() {
    }

    /** The trimmed value, or {@code null} when it is null or blank. */
    static String orNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The trimmed value; a null or blank one is a programming error. */
    static String required(String value, String what) {
        String trimmed = orNull(value);
        if (trimmed == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return trimmed;
    }
}
