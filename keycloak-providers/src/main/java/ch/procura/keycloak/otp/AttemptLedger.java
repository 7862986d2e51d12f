package ch.procura.keycloak.otp;

/**
 * An atomic record of "this happened once": the attempts made on a code and its use. Keycloak's
 * authentication session is read at the start of a request and written at its end, so two requests
 * racing on one session both see the same count; this ledger is what makes "5 tries" and "single
 * use" hold under concurrency. In Keycloak it is the single-use object store.
 */
public interface AttemptLedger {

    /** Records `key` for `lifespanSeconds`; true only for the one caller that recorded it first. */
    boolean claim(String key, long lifespanSeconds);
}
