package ch.procura.keycloak.otp;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * A text of the realm's e-mail theme in the person's language (their {@code locale}, else the
 * realm's default): the SMS texts live there beside the e-mails, so one bundle holds every message
 * a person receives.
 */
public final class ThemeText {

    private ThemeText() {}

    /** The pattern under `key`, or `fallback` when the theme has none (or cannot be read). */
    public static String emailMessage(KeycloakSession session, RealmModel realm, UserModel user, String key, String fallback) {
        Locale locale = session.getContext().resolveLocale(user);
        try {
            Properties messages = session.theme().getTheme(Theme.Type.EMAIL).getEnhancedMessages(realm, locale);
            String pattern = messages.getProperty(key);
            if (pattern != null) return pattern;
        } catch (IOException e) {
            // falls through to the built-in text
        }
        return fallback;
    }
}
