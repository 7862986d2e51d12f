package ch.procura.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R2: codes of the configured length from a CSPRNG, kept only as a salted hash. */
class CodeIssuerTest {

    private final CodeIssuer issuer = new CodeIssuer(new SecureRandom());

    @Test
    void issuesDigitsOfTheConfiguredLength() {
        CodeSettings eight = new CodeSettings(8, 300, 5, 30, 5);
        CodeIssuer.Issued issued = issuer.issue(eight, Channel.SMS, 0);
        assertTrue(issued.code().matches("[0-9]{8}"));
        assertEquals(300_000, issued.kept().expiresAtMillis());
        assertTrue(issued.kept().reference().matches("[A-Z2-9]{4}"));
    }

    @Test
    void keepsOnlyASaltedHash() {
        CodeIssuer.Issued a = issuer.issue(CodeSettings.DEFAULTS, Channel.EMAIL, 0);
        assertFalse(a.kept().toNotes().containsValue(a.code()));
        assertFalse(a.kept().toNotes().values().stream().anyMatch(v -> v.contains(a.code())));
        assertNotEquals(CodeIssuer.hash("salt-1", "123456"), CodeIssuer.hash("salt-2", "123456"));
        assertTrue(CodeIssuer.matches(a.kept(), a.code()));
    }

    @Test
    void digitsAreRoughlyUniform() {
        int[] counts = new int[10];
        String digits = issuer.digits(100_000);
        for (char c : digits.toCharArray()) counts[c - '0']++;
        for (int count : counts) assertTrue(count > 9_000 && count < 11_000, "digit count " + count);
    }

    @Test
    void survivesTheSessionNotesRoundTrip() {
        IssuedCode kept = issuer.issue(CodeSettings.DEFAULTS, Channel.SMS, 42).kept();
        assertEquals(kept, IssuedCode.fromNotes(kept.toNotes()).orElseThrow());
        Map<String, String> partial = new HashMap<>(kept.toNotes());
        partial.remove("procura.otp.hash");
        assertTrue(IssuedCode.fromNotes(partial).isEmpty());
    }
}
