package ch.procura.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** R2: bounded settings, the re-send cooldown, who is offered SMS, the webhook body. */
class SettingsAndPoliciesTest {

    @Test
    void settingsDefaultAndStayWithinTheFloor() {
        assertEquals(CodeSettings.DEFAULTS, CodeSettings.from(Map.of()));
        assertEquals(new CodeSettings(8, 60, 3, 10, 5), CodeSettings.from(Map.of(CodeSettings.LENGTH, "8", CodeSettings.VALIDITY, "60",
                CodeSettings.MAX_ATTEMPTS, "3", CodeSettings.RESEND_COOLDOWN, "10")));
        assertThrows(IllegalArgumentException.class, () -> CodeSettings.from(Map.of(CodeSettings.LENGTH, "5")));
        assertThrows(IllegalArgumentException.class, () -> CodeSettings.from(Map.of(CodeSettings.VALIDITY, "301")));
        assertThrows(IllegalArgumentException.class, () -> CodeSettings.from(Map.of(CodeSettings.MAX_ATTEMPTS, "6")));
        assertThrows(IllegalArgumentException.class, () -> CodeSettings.from(Map.of(CodeSettings.LENGTH, "six")));
        assertEquals(3, CodeSettings.from(Map.of(CodeSettings.MAX_SENDS, "3")).maxSends());
        assertThrows(IllegalArgumentException.class, () -> CodeSettings.from(Map.of(CodeSettings.MAX_SENDS, "0")));
        assertThrows(IllegalArgumentException.class, () -> CodeSettings.from(Map.of(CodeSettings.MAX_SENDS, "11")));
    }

    /** Issue 14 item 11: a login attempt sends 5 codes at most, whatever asks for them, also when 40 requests race. */
    @Test
    void aLoginAttemptSendsAtMostItsBudgetOfCodes() throws Exception {
        CodeCheckTest.MemoryLedger ledger = new CodeCheckTest.MemoryLedger();
        for (int sent = 1; sent <= 5; sent++) assertTrue(SendBudget.claim("session-a:tab", CodeSettings.DEFAULTS, ledger, 60));
        assertFalse(SendBudget.claim("session-a:tab", CodeSettings.DEFAULTS, ledger, 60));
        assertTrue(SendBudget.claim("session-b:tab", CodeSettings.DEFAULTS, ledger, 60), "another login attempt has its own budget");

        CodeCheckTest.MemoryLedger shared = new CodeCheckTest.MemoryLedger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) claims.add(pool.submit(() -> SendBudget.claim("session-c:tab", CodeSettings.DEFAULTS, shared, 60)));
            int granted = 0;
            for (java.util.concurrent.Future<Boolean> claim : claims) if (claim.get()) granted++;
            assertEquals(5, granted);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void validityIsSaidInWholeMinutesRoundedUp() {
        assertEquals(5, CodeSettings.DEFAULTS.validityMinutes());
        assertEquals(1, new CodeSettings(6, 4, 5, 30, 5).validityMinutes());
        assertEquals(2, new CodeSettings(6, 61, 5, 30, 5).validityMinutes());
    }

    @Test
    void resendWaitsForTheCooldown() {
        IssuedCode kept = new CodeIssuer(new SecureRandom()).issue(CodeSettings.DEFAULTS, Channel.EMAIL, 1_000_000).kept();
        assertEquals(30, ResendPolicy.secondsToWait(kept, CodeSettings.DEFAULTS, 1_000_000));
        assertEquals(1, ResendPolicy.secondsToWait(kept, CodeSettings.DEFAULTS, 1_029_500));
        assertEquals(0, ResendPolicy.secondsToWait(kept, CodeSettings.DEFAULTS, 1_030_000));
        assertEquals(0, ResendPolicy.secondsToWait(null, CodeSettings.DEFAULTS, 0));
    }

    @Test
    void smsOnlyForAVerifiedPlausibleNumber() {
        assertEquals(Optional.of("+41791234567"), Contact.of("a@b.ch", "+41 79 123 45 67", "true").verifiedMobile());
        assertTrue(Contact.of("a@b.ch", "+41791234567", "TRUE").offersChoice());
        assertFalse(Contact.of("a@b.ch", "+41791234567", "false").offersChoice());
        assertFalse(Contact.of("a@b.ch", "+41791234567", null).offersChoice());
        assertFalse(Contact.of("a@b.ch", "call me", "true").offersChoice());
        assertFalse(Contact.of("a@b.ch", null, "true").offersChoice());
    }

    @Test
    void masksAddresses() {
        assertEquals("c••••@example.ch", Contact.maskEmail("camil@example.ch"));
        assertEquals("a•••@b.ch", Contact.maskEmail("a@b.ch"));
        assertEquals("+41 ••• •• 67", Contact.maskPhone("+41791234567"));
    }

    @Test
    void webhookBodyIsJson() {
        SmsGateway.SmsMessage message = new SmsGateway.SmsMessage("+41791234567", "Code \"1\"\nfin é", "K7Q2", "procura");
        assertEquals("{\"to\":\"+41791234567\",\"text\":\"Code \\\"1\\\"\\nfin é\",\"reference\":\"K7Q2\",\"realm\":\"procura\"}",
                WebhookSmsGateway.body(message));
    }

    @Test
    void channelsParseFromTheForm() {
        assertEquals(Optional.of(Channel.SMS), Channel.parse("sms"));
        assertEquals(Optional.empty(), Channel.parse("fax"));
    }
}
