package ch.procura.keycloak.mobile;

import ch.procura.keycloak.otp.IssuedCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A number being verified, as the authentication session keeps it: the number typed, the code sent
 * to it (only its salted hash, see {@link IssuedCode}) and how many codes this session sent. Stored
 * as session notes under {@code procura.mobile.}, apart from the login code's {@code procura.otp.}.
 *
 * @param number the number in E.164
 * @param code the last code sent to it
 * @param codesSent codes sent in this authentication session, to any number
 */
public record PendingNumber(String number, IssuedCode code, int codesSent) {

    static final String PREFIX = "procura.mobile.";
    private static final String NUMBER = PREFIX + "number";
    private static final String SENT = PREFIX + "codesSent";
    private static final String CODE_PREFIX = "procura.otp.";

    /** The notes that hold this pending number. */
    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        code.toNotes().forEach((name, value) -> notes.put(PREFIX + name.substring(CODE_PREFIX.length()), value));
        notes.put(NUMBER, number);
        notes.put(SENT, Integer.toString(codesSent));
        return notes;
    }

    /** Every note name {@link #toNotes()} writes, to remove them. */
    public static String[] noteNames() {
        String[] codeNotes = IssuedCode.noteNames();
        String[] names = new String[codeNotes.length + 2];
        for (int i = 0; i < codeNotes.length; i++) names[i] = PREFIX + codeNotes[i].substring(CODE_PREFIX.length());
        names[codeNotes.length] = NUMBER;
        names[codeNotes.length + 1] = SENT;
        return names;
    }

    /** The pending number the notes hold, if they hold a whole one. */
    public static Optional<PendingNumber> fromNotes(Map<String, String> notes) {
        String number = notes.get(NUMBER);
        if (number == null) return Optional.empty();
        Map<String, String> codeNotes = new HashMap<>();
        notes.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) codeNotes.put(CODE_PREFIX + name.substring(PREFIX.length()), value);
        });
        try {
            int sent = Integer.parseInt(notes.getOrDefault(SENT, "0"));
            return IssuedCode.fromNotes(codeNotes).map(code -> new PendingNumber(number, code, sent));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
