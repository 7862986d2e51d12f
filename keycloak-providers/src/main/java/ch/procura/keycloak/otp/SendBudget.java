package ch.procura.keycloak.otp;

/**
 * Issue 14 item 11: how many codes one login attempt may send (R2), whatever the channel and
 * whatever asked for them. Each code sent first claims one of the attempt's numbered slots in the
 * {@link AttemptLedger}, so that requests racing on one authentication session (which each read
 * the same notes) cannot send more than {@link CodeSettings#maxSends()} between them.
 */
public final class SendBudget {

    private SendBudget() {}

    /**
     * Claims the next free slot of the login attempt `attempt` (the authentication session and its
     * tab); false when all {@code maxSends} are taken: no code may be sent.
     */
    public static boolean claim(String attempt, CodeSettings settings, AttemptLedger ledger, long lifespanSeconds) {
        for (int slot = 1; slot <= settings.maxSends(); slot++) {
            if (ledger.claim("procura-otp-send:" + attempt + ":" + slot, lifespanSeconds)) return true;
        }
        return false;
    }
}
