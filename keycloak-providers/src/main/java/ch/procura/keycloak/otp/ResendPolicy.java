package ch.procura.keycloak.otp;

/** When a person may ask for another code: not before the cooldown since the last one (R2). */
public final class ResendPolicy {

    private ResendPolicy() {}

    /** Seconds to wait before another code may be sent; 0 when it may be sent now. */
    public static long secondsToWait(IssuedCode last, CodeSettings settings, long nowMillis) {
        if (last == null) return 0;
        long readyAt = last.sentAtMillis() + settings.resendCooldownSeconds() * 1000L;
        return nowMillis >= readyAt ? 0 : (readyAt - nowMillis + 999) / 1000;
    }
}
