package ch.procura.keycloak.otp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes one-time codes (R2): digits drawn uniformly from a {@link SecureRandom}, kept only as a
 * salted SHA-256. A 6-digit code has 10^6 values; what protects it is the 5 tries per code, the
 * short validity and the account's brute-force lock-out, not the hash, which only keeps the code
 * out of the session store.
 */
public final class CodeIssuer {

    /** Letters and digits that cannot be confused with each other (no 0/O, 1/I/L). */
    private static final char[] REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public CodeIssuer(SecureRandom random) {
        this.random = random;
    }

    /** A new code and what the session keeps of it. */
    public Issued issue(CodeSettings settings, Channel channel, long nowMillis) {
        String code = digits(settings.length());
        String salt = B64.encodeToString(bytes(16));
        IssuedCode kept = new IssuedCode(B64.encodeToString(bytes(16)), salt, hash(salt, code), nowMillis,
                nowMillis + settings.validitySeconds() * 1000L, channel, reference());
        return new Issued(code, kept);
    }

    /** The code in clear (to send, then forget) and the record the session keeps. */
    public record Issued(String code, IssuedCode kept) {}

    String digits(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) code.append((char) ('0' + random.nextInt(10)));
        return code.toString();
    }

    private String reference() {
        StringBuilder reference = new StringBuilder(4);
        for (int i = 0; i < 4; i++) reference.append(REFERENCE_ALPHABET[random.nextInt(REFERENCE_ALPHABET.length)]);
        return reference.toString();
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** SHA-256 of salt and code, base64url. */
    static String hash(String salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ':');
            return B64.encodeToString(digest.digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether `candidate` is the code behind `kept`, compared in constant time. */
    static boolean matches(IssuedCode kept, String candidate) {
        byte[] expected = kept.hash().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(kept.salt(), candidate).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
