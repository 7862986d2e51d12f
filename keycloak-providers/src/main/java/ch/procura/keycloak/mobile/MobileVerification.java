package ch.procura.keycloak.mobile;

import ch.procura.keycloak.otp.CodeSettings;
import ch.procura.keycloak.otp.IssuedCode;
import ch.procura.keycloak.otp.ResendPolicy;
import java.util.Optional;

/**
 * R2: when a code may be sent to a number the person typed. A code goes by SMS to a number nobody
 * has verified yet, so the sends are bounded: at most {@link #MAX_CODES} per authentication session
 * (whatever the number), never two within the resend cooldown. Codes themselves are judged by
 * {@link ch.procura.keycloak.otp.CodeCheck}, as at login: 6 digits, 5 tries, 5 minutes at most.
 */
public final class MobileVerification {

    /** Codes one authentication session may send; then the person starts again later. */
    public static final int MAX_CODES = 5;

    private MobileVerification() {}

    /** What a request to send a code gets. */
    public enum Kind {
        /** Send a code to the number. */
        SEND,
        /** The typed text is not a mobile number in international form. */
        INVALID_NUMBER,
        /** The cooldown since the last code is not over. */
        WAIT,
        /** This session sent {@link #MAX_CODES} codes already. */
        TOO_MANY
    }

    /**
     * The decision: for {@code SEND} the number (E.164) and the codes this session sent so far; for
     * {@code WAIT} the seconds left.
     */
    public record SendDecision(Kind kind, String number, int codesSent, long waitSeconds) {
        static SendDecision of(Kind kind) {
            return new SendDecision(kind, null, 0, 0);
        }
    }

    /**
     * A code for `typed` (a new number), or, when `typed` is null, another code for the pending number.
     */
    public static SendDecision decideSend(Optional<PendingNumber> pending, String typed, CodeSettings settings, long nowMillis) {
        Optional<String> number = typed == null ? pending.map(PendingNumber::number) : MobileNumber.normalize(typed);
        if (number.isEmpty()) return SendDecision.of(Kind.INVALID_NUMBER);
        int sent = pending.map(PendingNumber::codesSent).orElse(0);
        if (sent >= MAX_CODES) return SendDecision.of(Kind.TOO_MANY);
        long wait = pending.map(p -> ResendPolicy.secondsToWait(p.code(), settings, nowMillis)).orElse(0L);
        if (wait > 0) return new SendDecision(Kind.WAIT, null, sent, wait);
        return new SendDecision(Kind.SEND, number.get(), sent, 0);
    }

    /** The pending number once `code` has been sent to it. */
    public static PendingNumber sent(SendDecision send, IssuedCode code) {
        return new PendingNumber(send.number(), code, send.codesSent() + 1);
    }
}
