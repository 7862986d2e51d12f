package ch.procura.keycloak.otp;

/**
 * Judges a submitted code (R2): at most {@code maxAttempts} tries per code, each try claimed in the
 * {@link AttemptLedger} before the code is compared, so concurrent tries cannot exceed the limit;
 * the first correct try claims the code's single use.
 */
public final class CodeCheck {

    /** What a try gives. */
    public enum Outcome {
        /** The right code, used for the first time: the person passes. */
        ACCEPTED,
        /** A wrong code; tries are left. */
        WRONG,
        /** Not digits of the right length; no try is spent. */
        MALFORMED,
        /** Too late: a new code is needed. */
        EXPIRED,
        /** No try left on this code (this one was the last wrong one, or they were all spent): a new code is needed. */
        EXHAUSTED,
        /** The right code, already used. */
        REPLAYED
    }

    /** The outcome and how many tries remain on the code. */
    public record Result(Outcome outcome, int attemptsLeft) {}

    private CodeCheck() {}

    public static Result check(IssuedCode kept, String candidate, CodeSettings settings, AttemptLedger ledger, long nowMillis) {
        String code = candidate == null ? "" : candidate.replaceAll("\\s", "");
        if (code.length() != settings.length() || !code.chars().allMatch(Character::isDigit)) {
            return new Result(Outcome.MALFORMED, -1);
        }
        if (nowMillis >= kept.expiresAtMillis()) return new Result(Outcome.EXPIRED, 0);
        long lifespan = Math.max(1, (kept.expiresAtMillis() - nowMillis) / 1000 + 1);
        int attempt = claimAttempt(kept, settings.maxAttempts(), ledger, lifespan);
        if (attempt == 0) return new Result(Outcome.EXHAUSTED, 0);
        int left = settings.maxAttempts() - attempt;
        if (!CodeIssuer.matches(kept, code)) return new Result(left == 0 ? Outcome.EXHAUSTED : Outcome.WRONG, left);
        if (!ledger.claim(key(kept, "used"), lifespan)) return new Result(Outcome.REPLAYED, left);
        return new Result(Outcome.ACCEPTED, left);
    }

    /** Whether this exhausted or expired code is the caller's to replace (one replacement per code). */
    public static boolean claimReplacement(IssuedCode kept, AttemptLedger ledger, long lifespanSeconds) {
        return ledger.claim(key(kept, "replaced"), lifespanSeconds);
    }

    /** The number of the try claimed (1..max), or 0 when none is left. */
    private static int claimAttempt(IssuedCode kept, int max, AttemptLedger ledger, long lifespan) {
        for (int attempt = 1; attempt <= max; attempt++) {
            if (ledger.claim(key(kept, "attempt." + attempt), lifespan)) return attempt;
        }
        return 0;
    }

    private static String key(IssuedCode kept, String what) {
        return "procura-otp:" + kept.id() + ":" + what;
    }
}
