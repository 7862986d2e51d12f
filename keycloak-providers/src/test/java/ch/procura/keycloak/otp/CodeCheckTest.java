package ch.procura.keycloak.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.procura.keycloak.otp.CodeCheck.Outcome;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** R2: 5 tries per code, valid 5 minutes at most, single use, also under concurrency. */
class CodeCheckTest {

    private static final long NOW = 1_800_000_000_000L;
    private final CodeIssuer issuer = new CodeIssuer(new SecureRandom());
    private final CodeSettings settings = CodeSettings.DEFAULTS;

    /** The single-use store, as Keycloak's putIfAbsent behaves. */
    static final class MemoryLedger implements AttemptLedger {
        final Set<String> keys = ConcurrentHashMap.newKeySet();

        @Override
        public boolean claim(String key, long lifespanSeconds) {
            return keys.add(key);
        }
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void acceptsTheRightCodeOnce() {
        CodeIssuer.Issued issued = issuer.issue(settings, Channel.EMAIL, NOW);
        MemoryLedger ledger = new MemoryLedger();
        assertEquals(Outcome.ACCEPTED, CodeCheck.check(issued.kept(), issued.code(), settings, ledger, NOW + 1000).outcome());
        assertEquals(Outcome.REPLAYED, CodeCheck.check(issued.kept(), issued.code(), settings, ledger, NOW + 2000).outcome());
    }

    @Test
    void countsDownTheTriesThenNeedsANewCode() {
        CodeIssuer.Issued issued = issuer.issue(settings, Channel.EMAIL, NOW);
        MemoryLedger ledger = new MemoryLedger();
        for (int left = 4; left >= 1; left--) {
            CodeCheck.Result result = CodeCheck.check(issued.kept(), wrong(issued.code()), settings, ledger, NOW);
            assertEquals(Outcome.WRONG, result.outcome());
            assertEquals(left, result.attemptsLeft());
        }
        assertEquals(Outcome.EXHAUSTED, CodeCheck.check(issued.kept(), wrong(issued.code()), settings, ledger, NOW).outcome());
        // even the right code is refused once the 5 tries are spent
        assertEquals(Outcome.EXHAUSTED, CodeCheck.check(issued.kept(), issued.code(), settings, ledger, NOW).outcome());
        assertTrue(CodeCheck.claimReplacement(issued.kept(), ledger, 300));
        assertFalse(CodeCheck.claimReplacement(issued.kept(), ledger, 300), "one replacement per exhausted code");
    }

    @Test
    void refusesAnExpiredCodeWithoutSpendingATry() {
        CodeIssuer.Issued issued = issuer.issue(settings, Channel.EMAIL, NOW);
        MemoryLedger ledger = new MemoryLedger();
        assertEquals(Outcome.EXPIRED, CodeCheck.check(issued.kept(), issued.code(), settings, ledger, NOW + 300_000).outcome());
        assertEquals(Outcome.ACCEPTED, CodeCheck.check(issued.kept(), issued.code(), settings, ledger, NOW + 299_999).outcome());
    }

    @Test
    void malformedInputSpendsNoTry() {
        CodeIssuer.Issued issued = issuer.issue(settings, Channel.EMAIL, NOW);
        MemoryLedger ledger = new MemoryLedger();
        for (String bad : new String[] {null, "", "12345", "1234567", "12a456"}) {
            assertEquals(Outcome.MALFORMED, CodeCheck.check(issued.kept(), bad, settings, ledger, NOW).outcome());
        }
        assertTrue(ledger.keys.isEmpty());
        String spaced = issued.code().substring(0, 3) + " " + issued.code().substring(3);
        assertEquals(Outcome.ACCEPTED, CodeCheck.check(issued.kept(), spaced, settings, ledger, NOW).outcome());
    }

    @Test
    void fiftyConcurrentSubmissionsOfTheRightCodeLetOneThrough() throws Exception {
        CodeIssuer.Issued issued = issuer.issue(settings, Channel.EMAIL, NOW);
        assertEquals(1, countConcurrently(issued, issued.code(), Outcome.ACCEPTED));
    }

    @Test
    void concurrentWrongTriesNeverExceedTheLimit() throws Exception {
        CodeIssuer.Issued issued = issuer.issue(settings, Channel.EMAIL, NOW);
        assertEquals(4, countConcurrently(issued, wrong(issued.code()), Outcome.WRONG), "4 wrong, the 5th exhausts, the rest are refused unseen");
    }

    /** Submits `candidate` 50 times from 16 threads; how many tries gave `wanted`. */
    private long countConcurrently(CodeIssuer.Issued issued, String candidate, Outcome wanted) throws Exception {
        MemoryLedger ledger = new MemoryLedger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Outcome>> tries = new ArrayList<>();
            for (int i = 0; i < 50; i++) tries.add(() -> CodeCheck.check(issued.kept(), candidate, settings, ledger, NOW).outcome());
            long count = 0;
            for (Future<Outcome> outcome : pool.invokeAll(tries)) if (outcome.get() == wanted) count++;
            return count;
        } finally {
            pool.shutdownNow();
        }
    }
}
