package ch.procura.keycloak.projection;

/**
 * A change names a group or client that is not the projection's ({@link ProjectionOwnership}): the
 * whole batch is rolled back and answered 403, nothing written.
 */
public class NotOwnedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotOwnedException(String message) {
        super(message);
    }
}
