package ch.procura.keycloak.otp;

/**
 * Sends a text message. Production: {@link WebhookSmsGateway}, an HTTP POST to the operator's SMS
 * provider (or a relay in front of it); the test stack points the same webhook at a sink the tests read.
 */
public interface SmsGateway {

    /** Sends `text` to `to` (E.164); throws when the gateway did not accept it. */
    void send(SmsMessage message) throws SmsException;

    /** A message: the number, the text, the reference shown on the login page, the realm. */
    record SmsMessage(String to, String text, String reference, String realm) {}

    /** The gateway refused the message or could not be reached. */
    final class SmsException extends Exception {
        public SmsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
