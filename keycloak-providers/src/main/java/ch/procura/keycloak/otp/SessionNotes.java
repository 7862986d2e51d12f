package ch.procura.keycloak.otp;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.sessions.AuthenticationSessionModel;

/** The authentication-session notes of the given names that are set, to rebuild a kept record. */
public final class SessionNotes {

    private SessionNotes() {}

    public static Map<String, String> read(AuthenticationSessionModel authSession, String... names) {
        Map<String, String> notes = new HashMap<>();
        for (String name : names) {
            String value = authSession.getAuthNote(name);
            if (value != null) notes.put(name, value);
        }
        return notes;
    }
}
