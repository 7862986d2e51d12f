package ch.procura.keycloak.projection;

/**
 * A change names a group, user, client or role that Keycloak does not hold (deleted by hand since
 * the caller read it): the whole batch is rolled back and answered 409, the caller re-reads.
 */
public class MissingObjectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MissingObjectException(String message) {
        super(message);
    }
}
