package ch.procura.keycloak.bruteforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Issue 14 item 10: one user's concurrent logins take turns; none is refused while the wait is short. */
class LoginTurnsTest {

    @Test
    void aSecondLoginWaitsForTheFirstAndGetsItsTurnOnRelease() throws Exception {
        LoginTurns turns = new LoginTurns(30_000, System::currentTimeMillis);
        LoginTurns.Turn first = turns.acquire("user", "a", 1_000);
        assertNotNull(first);
        CountDownLatch got = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            if (turns.acquire("user", "b", 5_000) != null) got.countDown();
        });
        second.start();
        Thread.sleep(100);
        assertEquals(1, got.getCount(), "the second waits while the first holds the turn");
        turns.release("user", first);
        assertTrue(got.await(2, java.util.concurrent.TimeUnit.SECONDS), "the second gets the turn once released");
        second.join();
    }

    @Test
    void otherUsersDoNotWait() {
        LoginTurns turns = new LoginTurns(30_000, System::currentTimeMillis);
        assertNotNull(turns.acquire("alice", "a", 0));
        assertNotNull(turns.acquire("bob", "b", 0));
    }

    @Test
    void aWaitLongerThanAllowedIsRefused() {
        LoginTurns turns = new LoginTurns(30_000, System::currentTimeMillis);
        assertNotNull(turns.acquire("user", "a", 1_000));
        assertNull(turns.acquire("user", "b", 50));
    }

    @Test
    void aTurnNeverReleasedEndsWithItsLease() {
        AtomicLong now = new AtomicLong(1_000);
        LoginTurns turns = new LoginTurns(30_000, now::get);
        assertNotNull(turns.acquire("user", "dead request", 0));
        now.addAndGet(30_000);
        assertNotNull(turns.acquire("user", "next", 0), "the lease ran out: the next login goes on");
    }

    @Test
    void aStaleReleaseDoesNotEndTheNextTurnAndNothingIsKeptAfterwards() {
        AtomicLong now = new AtomicLong(1_000);
        LoginTurns turns = new LoginTurns(10, now::get);
        LoginTurns.Turn old = turns.acquire("user", "a", 0);
        now.addAndGet(10);
        LoginTurns.Turn next = turns.acquire("user", "b", 0);
        turns.release("user", old);
        assertEquals(next, turns.current("user"));
        turns.release("user", next);
        assertEquals(0, turns.size());
    }

    @Test
    void fiftyParallelLoginsAllGetATurnOneAtATime() throws Exception {
        LoginTurns turns = new LoginTurns(30_000, System::currentTimeMillis);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        Thread[] threads = new Thread[50];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                LoginTurns.Turn turn = turns.acquire("user", Thread.currentThread(), 10_000);
                if (turn == null) return;
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                served.incrementAndGet();
                turns.release("user", turn);
            });
            threads[i].start();
        }
        for (Thread thread : threads) thread.join();
        assertEquals(50, served.get());
        assertEquals(1, most.get());
    }

    @Test
    void aFailureCountedLateIsDatedWhenItsRequestJudgedIt() {
        LoginTurns turns = new LoginTurns(30_000, System::currentTimeMillis);
        assertEquals(9_000, turns.judgedAt("user", 9_000), "no turn: the time of the count");
        LoginTurns.Turn turn = turns.acquire("user", "request", 0);
        assertEquals(9_000, turns.judgedAt("user", 9_000), "a turn not judged yet: the time of the count");
        turn.judgedAt = 7_400;
        assertEquals(7_400, turns.judgedAt("user", 9_000), "counted 1.6 s late, dated by the request");
        turns.release("user", turn);
        assertEquals(9_000, turns.judgedAt("user", 9_000));
    }
}
