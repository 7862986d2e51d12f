package ch.procura.keycloak.bruteforce;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One login attempt at a time per user, on this node: the others wait their turn (bounded) instead
 * of being refused. A turn is a lease: it ends when its holder releases it, or after
 * {@code leaseMillis} if the holder never does (a request that died), so no user stays blocked.
 * Entries exist only while a turn is held: the map does not grow with the number of users.
 */
final class LoginTurns {

    /**
     * Who holds a user's turn, until when, whether the brute-force bookkeeping took it over, and
     * when the attempt was judged (0 until then).
     */
    static final class Turn {
        final Object holder;
        final long expiresAt;
        volatile boolean handedOver;
        volatile long judgedAt;

        Turn(Object holder, long expiresAt) {
            this.holder = holder;
            this.expiresAt = expiresAt;
        }
    }

    private final Map<String, Turn> held = new HashMap<>();
    private final long leaseMillis;
    private final LongSupplier clock;

    LoginTurns(long leaseMillis, LongSupplier clock) {
        this.leaseMillis = leaseMillis;
        this.clock = clock;
    }

    /**
     * Waits up to {@code waitMillis} for the user's turn; gives the turn, or null when the wait ran
     * out (or the thread was interrupted).
     */
    synchronized Turn acquire(String userId, Object holder, long waitMillis) {
        long deadline = clock.getAsLong() + waitMillis;
        while (true) {
            long now = clock.getAsLong();
            Turn current = held.get(userId);
            if (current == null || current.expiresAt <= now) {
                Turn turn = new Turn(holder, now + leaseMillis);
                held.put(userId, turn);
                return turn;
            }
            long left = Math.min(deadline, current.expiresAt) - now;
            if (now >= deadline) return null;
            try {
                wait(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** The turn the user holds now, if any. */
    synchronized Turn current(String userId) {
        return held.get(userId);
    }

    /**
     * When the user's current attempt was judged, the time its failure is dated: Keycloak counts a
     * failure on another thread and dates it when that job runs, which under load can be late by
     * more than a second; two wrong codes typed seconds apart then looked like a quick-login attack
     * and locked the account. Dating by the request keeps the gaps a person left. Falls back to
     * {@code countedAt} when there is no turn or it was not marked.
     */
    synchronized long judgedAt(String userId, long countedAt) {
        Turn current = held.get(userId);
        return current != null && current.judgedAt > 0 ? current.judgedAt : countedAt;
    }

    /** Ends {@code turn} if it is still the user's current one; wakes the waiters. */
    synchronized void release(String userId, Turn turn) {
        if (turn != null && held.get(userId) == turn) {
            held.remove(userId);
            notifyAll();
        }
    }

    synchronized int size() {
        return held.size();
    }
}
