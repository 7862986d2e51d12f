package ch.procura.keycloak.otp;

import ch.procura.keycloak.otp.CodeCheck.Outcome;
import ch.procura.keycloak.otp.CodePages.Message;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The second login step of R2: a one-time code by e-mail, or by SMS when the person has a verified
 * mobile number and chooses it. The decisions are in {@link CodeCheck}, {@link ResendPolicy} and
 * {@link CodeSettings}; this class only reads the form, keeps the code in the authentication
 * session and answers with a page. Wrong codes go through {@code failureChallenge}, so Keycloak's
 * brute-force protector counts them with the password failures and locks the account out with its
 * back-off; a locked-out account gets no code.
 */
final class OtpCodeAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(OtpCodeAuthenticator.class);
    static final String CHOSEN_NOTE = "procura.otp.chosen";
    /** Set once the login attempt has sent all the codes it may (issue 14 item 11). */
    static final String SPENT_NOTE = "procura.otp.budgetSpent";

    private final CodeIssuer issuer;
    private final CodeDelivery delivery;
    private final Clock clock;

    OtpCodeAuthenticator(CodeIssuer issuer, CodeDelivery delivery, Clock clock) {
        this.issuer = issuer;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (lockedOut(context) || withheld(context)) return;
        Contact contact = contact(context);
        Optional<IssuedCode> current = current(context.getAuthenticationSession());
        // A reload of the page shows the code already sent instead of sending another one.
        if (current.isPresent() && clock.millis() < current.get().expiresAtMillis()) {
            context.challenge(CodePages.code(context, contact, current.get(), settings(context), null));
            return;
        }
        Optional<Channel> chosen = chosen(context, contact);
        if (chosen.isEmpty() && contact.offersChoice()) {
            context.challenge(CodePages.choice(context, contact));
            return;
        }
        sendNew(context, contact, chosen.orElse(Channel.EMAIL), Message.info("procuraCodeSent"));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (lockedOut(context) || withheld(context)) return;
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Contact contact = contact(context);
        if (form.containsKey("channel")) {
            choose(context, contact, form.getFirst("channel"));
        } else if (form.containsKey("choose") && contact.offersChoice()) {
            context.getAuthenticationSession().removeAuthNote(CHOSEN_NOTE);
            context.challenge(CodePages.choice(context, contact));
        } else if (form.containsKey("resend")) {
            resend(context, contact);
        } else {
            verify(context, contact, form.getFirst("code"));
        }
    }

    /**
     * The person picks a channel (again). Issue 14 item 11: switching channel is asking for another
     * code, so {@link #mayReplace} holds whatever the channel.
     */
    private void choose(AuthenticationFlowContext context, Contact contact, String value) {
        Optional<Channel> channel = Channel.parse(value).filter(c -> c == Channel.EMAIL || contact.offersChoice() && delivery.smsAvailable());
        if (channel.isEmpty()) {
            context.challenge(CodePages.choice(context, contact));
            return;
        }
        if (!mayReplace(context, contact, channel)) return;
        context.getAuthenticationSession().setAuthNote(CHOSEN_NOTE, channel.get().value());
        sendNew(context, contact, channel.get(), Message.info("procuraCodeSent"));
    }

    private void resend(AuthenticationFlowContext context, Contact contact) {
        if (!mayReplace(context, contact, Optional.empty())) return;
        Channel channel = current(context.getAuthenticationSession()).map(IssuedCode::channel).or(() -> chosen(context, contact)).orElse(Channel.EMAIL);
        sendNew(context, contact, channel, Message.info("procuraCodeResent"));
    }

    /**
     * Issue 14 item 11: whether another code may replace the current one, asked for again or on
     * another channel: not once the login attempt has sent all its codes, not within the cooldown
     * since the current one (said, unless the person picked the same channel again: a reload), and
     * only by the one request that claims the replacement (racing requests send one code between
     * them). When not, the page is answered here.
     */
    private boolean mayReplace(AuthenticationFlowContext context, Contact contact, Optional<Channel> picked) {
        CodeSettings settings = settings(context);
        if (context.getAuthenticationSession().getAuthNote(SPENT_NOTE) != null) {
            tooMany(context, contact, settings, false);
            return false;
        }
        Optional<IssuedCode> current = current(context.getAuthenticationSession());
        if (current.isEmpty()) return true;
        IssuedCode kept = current.get();
        long wait = ResendPolicy.secondsToWait(kept, settings, clock.millis());
        if (wait > 0) {
            boolean sameAgain = picked.map(channel -> channel == kept.channel()).orElse(false);
            context.challenge(CodePages.code(context, contact, kept, settings, sameAgain ? null : Message.error("procuraCodeResendWait", wait)));
            return false;
        }
        if (!CodeCheck.claimReplacement(kept, ledger(context), settings.validitySeconds())) {
            context.challenge(CodePages.code(context, contact, kept, settings, null));
            return false;
        }
        return true;
    }

    /**
     * The login attempt sent all its codes: the last one, while valid, is all there is. After a wrong
     * code the page is a failure, so that the brute-force protector still counts that wrong code.
     */
    private void tooMany(AuthenticationFlowContext context, Contact contact, CodeSettings settings, boolean afterWrongCode) {
        Optional<IssuedCode> current = current(context.getAuthenticationSession()).filter(kept -> clock.millis() < kept.expiresAtMillis());
        Response page = current.isPresent()
                ? CodePages.code(context, contact, current.get(), settings, Message.error("procuraCodeTooMany"))
                : CodePages.stop(context, "procuraCodeTooMany");
        if (afterWrongCode) context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page);
        else context.challenge(page);
    }

    private void verify(AuthenticationFlowContext context, Contact contact, String candidate) {
        CodeSettings settings = settings(context);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<IssuedCode> current = current(authSession);
        if (current.isEmpty()) {
            sendNew(context, contact, chosen(context, contact).orElse(Channel.EMAIL), Message.info("procuraCodeSent"));
            return;
        }
        IssuedCode kept = current.get();
        AttemptLedger ledger = ledger(context);
        CodeCheck.Result result = CodeCheck.check(kept, candidate, settings, ledger, clock.millis());
        context.getEvent().detail("procura_code_outcome", result.outcome().name().toLowerCase());
        switch (result.outcome()) {
            case ACCEPTED -> {
                for (String note : IssuedCode.noteNames()) authSession.removeAuthNote(note);
                authSession.removeAuthNote(CHOSEN_NOTE);
                authSession.removeAuthNote(SPENT_NOTE);
                UserModel user = context.getUser();
                if (FactorPolicy.mustEnrolApp(isOperator(context.getRealm(), user), credentialTypes(user))) {
                    // R31: the code opens no session for the operator's staff; it only lets them enrol an app.
                    user.addRequiredAction(UserModel.RequiredAction.CONFIGURE_TOTP);
                }
                context.success();
            }
            case MALFORMED -> context.challenge(CodePages.code(context, contact, kept, settings, Message.error("procuraCodeMalformed", settings.length())));
            case EXPIRED -> context.challenge(CodePages.code(context, contact, kept, settings, Message.error("procuraCodeExpired")));
            case WRONG -> context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                    CodePages.code(context, contact, kept, settings, Message.error("procuraCodeWrong", result.attemptsLeft())));
            case REPLAYED -> context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                    CodePages.code(context, contact, kept, settings, Message.error("procuraCodeUsed")));
            case EXHAUSTED -> exhausted(context, contact, kept, settings, ledger);
        }
    }

    /** No try left on this code: the person needs a new one, sent once by whichever request got here first. */
    private void exhausted(AuthenticationFlowContext context, Contact contact, IssuedCode kept, CodeSettings settings, AttemptLedger ledger) {
        Message message = Message.error("procuraCodeExhausted");
        if (!CodeCheck.claimReplacement(kept, ledger, settings.validitySeconds())) {
            context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, CodePages.code(context, contact, kept, settings, message));
            return;
        }
        Optional<IssuedCode> replacement = issueAndSend(context, contact, kept.channel(), true);
        if (replacement.isEmpty()) return;
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, CodePages.code(context, contact, replacement.get(), settings, message));
    }

    private void sendNew(AuthenticationFlowContext context, Contact contact, Channel channel, Message message) {
        issueAndSend(context, contact, channel, false)
                .ifPresent(kept -> context.challenge(CodePages.code(context, contact, kept, settings(context), message)));
    }

    /**
     * Issues a code, sends it and keeps it in the session; on a delivery failure, or when the login
     * attempt has sent all the codes it may (issue 14 item 11), answers with a page and gives nothing.
     */
    private Optional<IssuedCode> issueAndSend(AuthenticationFlowContext context, Contact contact, Channel channel, boolean afterWrongCode) {
        CodeSettings settings = settings(context);
        AuthenticationSessionModel attempt = context.getAuthenticationSession();
        String attemptId = attempt.getParentSession().getId() + ":" + attempt.getTabId();
        long lifespan = Math.max(context.getRealm().getAccessCodeLifespanLogin(), settings.validitySeconds()) + 60L;
        if (attempt.getAuthNote(SPENT_NOTE) != null || !SendBudget.claim(attemptId, settings, ledger(context), lifespan)) {
            if (attempt.getAuthNote(SPENT_NOTE) == null) {
                LOG.infof("procura-otp-code: user %s asked for more than %d codes in one login", context.getUser().getId(), settings.maxSends());
                context.getEvent().clone().user(context.getUser()).detail("procura_code_outcome", "too_many_codes").error("procura_too_many_codes");
                attempt.setAuthNote(SPENT_NOTE, "true");
            }
            tooMany(context, contact, settings, afterWrongCode);
            return Optional.empty();
        }
        CodeIssuer.Issued issued = issuer.issue(settings, channel, clock.millis());
        try {
            delivery.send(context, contact, issued, settings);
        } catch (CodeDelivery.DeliveryException e) {
            LOG.warnf(e, "procura-otp-code: could not send a %s code to user %s", channel.value(), context.getUser().getId());
            context.failureChallenge(AuthenticationFlowError.INTERNAL_ERROR,
                    CodePages.stop(context, channel == Channel.SMS ? "procuraCodeSmsFailed" : "procuraCodeEmailFailed"));
            return Optional.empty();
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        issued.kept().toNotes().forEach(authSession::setAuthNote);
        return Optional.of(issued.kept());
    }

    /**
     * Issue 14 item 1: Keycloak lists every step that is not a credential under "try another way",
     * whatever {@link #configuredFor} says; whoever enrolled an app or a passkey is sent no code
     * even when they (or someone with their password and mailbox) pick it.
     */
    private boolean withheld(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (configuredFor(context.getSession(), context.getRealm(), user)) return false;
        context.getEvent().user(user).detail("procura_code_outcome", "withheld");
        context.challenge(CodePages.stop(context, "procuraCodeUseStrongerFactor"));
        return true;
    }

    private boolean lockedOut(AuthenticationFlowContext context) {
        String error = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (error == null) return false;
        context.getEvent().user(context.getUser()).error(error);
        context.forceChallenge(CodePages.stop(context, "procuraCodeLockedOut"));
        return true;
    }

    private Contact contact(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        Contact contact = Contact.of(user.getEmail(), user.getFirstAttribute(Contact.PHONE_NUMBER), user.getFirstAttribute(Contact.PHONE_NUMBER_VERIFIED));
        return delivery.smsAvailable() ? contact : new Contact(contact.email(), Optional.empty());
    }

    private Optional<Channel> chosen(AuthenticationFlowContext context, Contact contact) {
        return Channel.parse(context.getAuthenticationSession().getAuthNote(CHOSEN_NOTE))
                .filter(c -> c == Channel.EMAIL || contact.offersChoice());
    }

    /** The single-use object store: atomic across the requests of one login and across nodes. */
    private static AttemptLedger ledger(AuthenticationFlowContext context) {
        return (key, lifespan) -> context.getSession().singleUseObjects().putIfAbsent(key, lifespan);
    }

    private static Optional<IssuedCode> current(AuthenticationSessionModel authSession) {
        return IssuedCode.fromNotes(SessionNotes.read(authSession, IssuedCode.noteNames()));
    }

    private static CodeSettings settings(AuthenticationFlowContext context) {
        return context.getAuthenticatorConfig() == null ? CodeSettings.DEFAULTS : CodeSettings.from(context.getAuthenticatorConfig().getConfig());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    /**
     * Every account has an e-mail address, so the code can be sent; but not to whoever enrolled an
     * authenticator app or a passkey ({@link FactorPolicy}): for them Keycloak offers only those.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return FactorPolicy.codeOffered(user.getEmail() != null && !user.getEmail().isBlank(), credentialTypes(user));
    }

    private static Set<String> credentialTypes(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream().map(CredentialModel::getType).collect(Collectors.toSet());
    }

    private static boolean isOperator(RealmModel realm, UserModel user) {
        RoleModel role = realm.getRole(FactorPolicy.OPERATOR_ROLE);
        return role != null && user.hasRole(role);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to enrol: the e-mail address is the factor
    }

    @Override
    public void close() {
        // no resources
    }
}
