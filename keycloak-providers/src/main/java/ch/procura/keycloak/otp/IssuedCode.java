package ch.procura.keycloak.otp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A code as the login session keeps it: never the code itself, only its salted hash, with when it
 * was sent and until when it is valid. Stored as notes of Keycloak's authentication session, so it
 * is bound to that one login in that one browser tab.
 *
 * @param id random id of this code, the key of its attempt and use records
 * @param salt random salt of the hash (base64url)
 * @param hash SHA-256 of salt and code (base64url)
 * @param sentAtMillis when it was sent (resend cooldown)
 * @param expiresAtMillis after this instant it is refused
 * @param channel where it was sent
 * @param reference short text shown on the page and in the message, so the person matches them
 */
public record IssuedCode(String id, String salt, String hash, long sentAtMillis, long expiresAtMillis, Channel channel, String reference) {

    static final String PREFIX = "procura.otp.";

    /** The authentication-session notes that hold this code. */
    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put(PREFIX + "id", id);
        notes.put(PREFIX + "salt", salt);
        notes.put(PREFIX + "hash", hash);
        notes.put(PREFIX + "sentAt", Long.toString(sentAtMillis));
        notes.put(PREFIX + "expiresAt", Long.toString(expiresAtMillis));
        notes.put(PREFIX + "channel", channel.value());
        notes.put(PREFIX + "reference", reference);
        return notes;
    }

    /** The note names {@link #toNotes()} writes, to remove them. */
    public static String[] noteNames() {
        return new String[] {PREFIX + "id", PREFIX + "salt", PREFIX + "hash", PREFIX + "sentAt", PREFIX + "expiresAt", PREFIX + "channel", PREFIX + "reference"};
    }

    /** The code the notes hold, if they hold a whole one. */
    public static Optional<IssuedCode> fromNotes(Map<String, String> notes) {
        try {
            String id = notes.get(PREFIX + "id");
            String salt = notes.get(PREFIX + "salt");
            String hash = notes.get(PREFIX + "hash");
            String reference = notes.get(PREFIX + "reference");
            Optional<Channel> channel = Channel.parse(notes.get(PREFIX + "channel"));
            if (id == null || salt == null || hash == null || reference == null || channel.isEmpty()) return Optional.empty();
            return Optional.of(new IssuedCode(id, salt, hash, Long.parseLong(notes.get(PREFIX + "sentAt")),
                    Long.parseLong(notes.get(PREFIX + "expiresAt")), channel.get(), reference));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
