package ch.procura.keycloak.bruteforce;

import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.DefaultBruteForceProtector;
import jakarta.ws.rs.core.UriInfo;

/**
 * Keycloak's brute-force detection (failures counted per user, temporary lock-out) with concurrent
 * logins of one user queued rather than refused. Keycloak's default, blocking detector refuses a
 * login while another of the same user is in progress, with the message of a wrong password: a
 * person signing in from two tabs read their right password as wrong (issue 14 item 10). Here each
 * login attempt waits for its turn (one at a time per user, on this node) and is checked after the
 * previous attempt's failure or success has been counted, so parallel guesses still meet the exact
 * count; only a wait longer than {@code waitMillis} is refused, as a lock-out.
 *
 * <p>A turn is taken at the first lock-out check of a request and ends when the request's
 * transaction ends, or, when the request recorded a success or a failure (which Keycloak counts on
 * another thread), once that count is stored. A failure is dated when its request judged it, not
 * when the count runs ({@link LoginTurns#judgedAt}).
 */
public final class QueuedBruteForceProtector extends DefaultBruteForceProtector {

    private static final Logger LOG = Logger.getLogger(QueuedBruteForceProtector.class);
    private static final String TURN_ATTRIBUTE = QueuedBruteForceProtector.class.getName() + ".turn";

    private final LoginTurns turns;
    private final long waitMillis;

    QueuedBruteForceProtector(KeycloakSessionFactory factory, LoginTurns turns, long waitMillis) {
        super(factory);
        this.turns = turns;
        this.waitMillis = waitMillis;
    }

    @Override
    public boolean isTemporarilyDisabled(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!takeTurn(session, user)) return true;
        return super.isTemporarilyDisabled(session, realm, user);
    }

    @Override
    public boolean isPermanentlyLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
        if (realm.isPermanentLockout() && !takeTurn(session, user)) return true;
        return super.isPermanentlyLockedOut(session, realm, user);
    }

    /** The request's turn for this user: taken once per request, true when held. */
    private boolean takeTurn(KeycloakSession session, UserModel user) {
        if (session.getContext().getAuthenticationSession() == null) return true; // not a login (admin reads)
        String attribute = TURN_ATTRIBUTE + "." + user.getId();
        if (session.getAttribute(attribute) != null) return true;
        LoginTurns.Turn turn = turns.acquire(user.getId(), session, waitMillis);
        if (turn == null) {
            LOG.warnf("brute-force: user %s waited more than %d ms for a login turn; refused as locked out", user.getId(), waitMillis);
            return false;
        }
        session.setAttribute(attribute, turn);
        String userId = user.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                if (!turn.handedOver) turns.release(userId, turn);
            }

            @Override
            protected void rollbackImpl() {
                if (!turn.handedOver) turns.release(userId, turn);
            }
        });
        return true;
    }

    @Override
    protected void processLogin(RealmModel realm, UserModel user, ClientConnection clientConnection, UriInfo uriInfo, boolean success, Set<String> authMethods) {
        LoginTurns.Turn turn = turns.current(user.getId());
        if (turn != null) {
            turn.judgedAt = Time.currentTimeMillis(); // the failure's date, on the request's thread
            turn.handedOver = true; // released once the count below is stored
        }
        super.processLogin(realm, user, clientConnection, uriInfo, success, authMethods);
    }

    @Override
    public void failure(KeycloakSession session, RealmModel realm, String userId, String remoteAddr, long failureTime, Set<String> authMethods) {
        long judgedAt = turns.judgedAt(userId, failureTime);
        releaseAfter(session, userId);
        super.failure(session, realm, userId, remoteAddr, judgedAt, authMethods);
    }

    @Override
    protected void success(KeycloakSession session, RealmModel realm, String userId, Set<String> authMethods) {
        releaseAfter(session, userId);
        super.success(session, realm, userId, authMethods);
    }

    private void releaseAfter(KeycloakSession session, String userId) {
        LoginTurns.Turn turn = turns.current(userId);
        if (turn == null || !turn.handedOver) return;
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                turns.release(userId, turn);
            }

            @Override
            protected void rollbackImpl() {
                turns.release(userId, turn);
            }
        });
    }
}
