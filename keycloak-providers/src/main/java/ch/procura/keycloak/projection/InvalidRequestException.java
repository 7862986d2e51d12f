package ch.procura.keycloak.projection;

/** A request body the projection-state endpoint refuses (400); the message says why, for the caller. */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidRequestException(String message) {
        super(message);
    }

    InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
