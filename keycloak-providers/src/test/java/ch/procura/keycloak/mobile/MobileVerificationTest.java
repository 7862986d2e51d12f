package ch.procura.keycloak.mobile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.procura.keycloak.mobile.MobileVerification.Kind;
import ch.procura.keycloak.mobile.MobileVerification.SendDecision;
import ch.procura.keycloak.otp.Channel;
import ch.procura.keycloak.otp.CodeCheck;
import ch.procura.keycloak.otp.CodeIssuer;
import ch.procura.keycloak.otp.CodeSettings;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** R2: when a verification code may be sent, and that it is judged like a login code. */
class MobileVerificationTest {

    private static final long NOW = 1_800_000_000_000L;
    private final CodeIssuer issuer = new CodeIssuer(new SecureRandom());
    private final CodeSettings settings = CodeSettings.DEFAULTS;

    private PendingNumber sentAt(String number, int codesSent, long at) {
        return new PendingNumber(number, issuer.issue(settings, Channel.SMS, at).kept(), codesSent);
    }

    @Test
    void aValidNumberGetsACode() {
        SendDecision decision = MobileVerification.decideSend(Optional.empty(), "+41 79 123 45 67", settings, NOW);
        assertEquals(Kind.SEND, decision.kind());
        assertEquals("+41791234567", decision.number());
        PendingNumber pending = MobileVerification.sent(decision, issuer.issue(settings, Channel.SMS, NOW).kept());
        assertEquals(1, pending.codesSent());
    }

    @Test
    void aNationalNumberIsRefusedAndNothingIsSent() {
        assertEquals(Kind.INVALID_NUMBER, MobileVerification.decideSend(Optional.empty(), "079 123 45 67", settings, NOW).kind());
    }

    @Test
    void noSecondCodeWithinTheCooldownEvenToAnotherNumber() {
        Optional<PendingNumber> pending = Optional.of(sentAt("+41791234567", 1, NOW));
        SendDecision resend = MobileVerification.decideSend(pending, null, settings, NOW + 10_000);
        assertEquals(Kind.WAIT, resend.kind());
        assertEquals(20, resend.waitSeconds());
        assertEquals(Kind.WAIT, MobileVerification.decideSend(pending, "+41780000000", settings, NOW + 10_000).kind());
        SendDecision later = MobileVerification.decideSend(pending, null, settings, NOW + 30_000);
        assertEquals(Kind.SEND, later.kind());
        assertEquals("+41791234567", later.number());
    }

    @Test
    void atMostFiveCodesPerSession() {
        Optional<PendingNumber> pending = Optional.of(sentAt("+41791234567", MobileVerification.MAX_CODES, NOW));
        assertEquals(Kind.TOO_MANY, MobileVerification.decideSend(pending, "+41780000000", settings, NOW + 600_000).kind());
        assertEquals(Kind.TOO_MANY, MobileVerification.decideSend(pending, null, settings, NOW + 600_000).kind());
    }

    @Test
    void thePendingNumberSurvivesTheSessionNotesApartFromTheLoginCode() {
        PendingNumber pending = sentAt("+41791234567", 2, NOW);
        var notes = pending.toNotes();
        assertTrue(notes.keySet().stream().allMatch(name -> name.startsWith("procura.mobile.")));
        assertEquals(Set.of(PendingNumber.noteNames()), notes.keySet());
        assertEquals(Optional.of(pending), PendingNumber.fromNotes(notes));
        notes.remove("procura.mobile.number");
        assertEquals(Optional.empty(), PendingNumber.fromNotes(notes));
    }

    @Test
    void theCodeExpiresAfterItsValidityAndServesOnce() {
        CodeIssuer.Issued issued = issuer.issue(settings, Channel.SMS, NOW);
        Set<String> ledger = new HashSet<>();
        assertEquals(CodeCheck.Outcome.EXPIRED, CodeCheck.check(issued.kept(), issued.code(), settings, (k, s) -> ledger.add(k), NOW + 300_000).outcome());
        assertEquals(CodeCheck.Outcome.ACCEPTED, CodeCheck.check(issued.kept(), issued.code(), settings, (k, s) -> ledger.add(k), NOW + 299_000).outcome());
        assertEquals(CodeCheck.Outcome.REPLAYED, CodeCheck.check(issued.kept(), issued.code(), settings, (k, s) -> ledger.add(k), NOW + 299_500).outcome());
    }
}
