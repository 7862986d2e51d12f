package ch.procura.keycloak.mobile;

import ch.procura.keycloak.mobile.MobileVerification.SendDecision;
import ch.procura.keycloak.otp.AttemptLedger;
import ch.procura.keycloak.otp.Channel;
import ch.procura.keycloak.otp.CodeCheck;
import ch.procura.keycloak.otp.CodeIssuer;
import ch.procura.keycloak.otp.CodeSettings;
import ch.procura.keycloak.otp.Contact;
import ch.procura.keycloak.otp.SessionNotes;
import ch.procura.keycloak.otp.SmsGateway;
import ch.procura.keycloak.otp.ThemeText;
import jakarta.ws.rs.core.MultivaluedMap;
import java.text.MessageFormat;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.Constants;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * R2: adds and verifies the mobile number that may receive login codes. The person types a number,
 * gets a code by SMS through the same gateway as the login codes, types it back; only then are
 * {@code phone_number} and {@code phone_number_verified = true} stored. Optional: "Plus tard" ends
 * the action without storing anything (at activation, the action is then done; started by the
 * application with {@code kc_action}, it is cancelled). The decisions are in
 * {@link MobileVerification} and {@link CodeCheck}; this class reads the form and answers a page.
 */
final class MobileNumberAction implements RequiredActionProvider {

    private static final Logger LOG = Logger.getLogger(MobileNumberAction.class);
    static final String SMS_TEXT = "procuraMobileCodeSms";

    private final CodeIssuer issuer;
    private final Supplier<Optional<SmsGateway>> gateway;
    private final Clock clock;

    MobileNumberAction(CodeIssuer issuer, Supplier<Optional<SmsGateway>> gateway, Clock clock) {
        this.issuer = issuer;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // never added by itself: the activation, an administrator or the person (kc_action) asks for it
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<PendingNumber> pending = pending(context.getAuthenticationSession());
        context.challenge(pending.isPresent()
                ? MobilePages.code(context, pending.get(), settings(context), null)
                : MobilePages.number(context, null, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Optional<PendingNumber> pending = pending(context.getAuthenticationSession());
        if (form.containsKey("skip")) {
            skip(context);
        } else if (form.containsKey("send")) {
            send(context, pending, form.getFirst(Contact.PHONE_NUMBER) == null ? "" : form.getFirst(Contact.PHONE_NUMBER));
        } else if (form.containsKey("resend") && pending.isPresent()) {
            send(context, pending, null);
        } else if (form.containsKey("change") || pending.isEmpty()) {
            context.challenge(MobilePages.number(context, null, null));
        } else {
            verify(context, pending.get(), form.getFirst("code"));
        }
    }

    private void skip(RequiredActionContext context) {
        clear(context.getAuthenticationSession());
        context.getEvent().detail("procura_mobile", "skipped");
        boolean initiated = MobileNumberActionFactory.ID.equals(context.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
        if (initiated) context.cancel();
        else context.success();
    }

    /** `typed`: a new number from the form; null: another code for the pending one. */
    private void send(RequiredActionContext context, Optional<PendingNumber> pending, String typed) {
        CodeSettings settings = settings(context);
        SendDecision decision = MobileVerification.decideSend(pending, typed, settings, clock.millis());
        switch (decision.kind()) {
            case INVALID_NUMBER -> context.challenge(MobilePages.number(context, typed, MobilePages.error("procuraMobileInvalid")));
            case TOO_MANY -> context.challenge(MobilePages.number(context, typed, MobilePages.error("procuraMobileTooManyCodes")));
            case WAIT -> context.challenge(pending.isPresent() && typed == null
                    ? MobilePages.code(context, pending.get(), settings, MobilePages.error("procuraMobileResendWait", decision.waitSeconds()))
                    : MobilePages.number(context, typed, MobilePages.error("procuraMobileResendWait", decision.waitSeconds())));
            case SEND -> sendCode(context, decision, settings, typed);
        }
    }

    private void sendCode(RequiredActionContext context, SendDecision go, CodeSettings settings, String typed) {
        Optional<SmsGateway> sms = gateway.get();
        if (sms.isEmpty()) {
            context.challenge(MobilePages.number(context, typed, MobilePages.error("procuraMobileSmsUnavailable")));
            return;
        }
        CodeIssuer.Issued issued = issuer.issue(settings, Channel.SMS, clock.millis());
        int minutes = settings.validityMinutes();
        String pattern = ThemeText.emailMessage(context.getSession(), context.getRealm(), context.getUser(), SMS_TEXT,
                "Procura : votre code de vérification est {0} (référence {1}, valable {2} min). / Procura: your verification code is {0} (reference {1}, valid {2} min).");
        String text = MessageFormat.format(pattern, issued.code(), issued.kept().reference(), minutes);
        try {
            sms.get().send(new SmsGateway.SmsMessage(go.number(), text, issued.kept().reference(), context.getRealm().getName()));
        } catch (SmsGateway.SmsException e) {
            LOG.warnf(e, "procura-mobile-number: could not send a verification code for user %s", context.getUser().getId());
            context.challenge(MobilePages.number(context, typed, MobilePages.error("procuraMobileSmsFailed")));
            return;
        }
        PendingNumber pending = MobileVerification.sent(go, issued.kept());
        pending.toNotes().forEach(context.getAuthenticationSession()::setAuthNote);
        context.challenge(MobilePages.code(context, pending, settings, MobilePages.info("procuraMobileCodeSent")));
    }

    private void verify(RequiredActionContext context, PendingNumber pending, String candidate) {
        CodeSettings settings = settings(context);
        AttemptLedger ledger = (key, lifespan) -> context.getSession().singleUseObjects().putIfAbsent(key, lifespan);
        CodeCheck.Result result = CodeCheck.check(pending.code(), candidate, settings, ledger, clock.millis());
        context.getEvent().detail("procura_mobile_code_outcome", result.outcome().name().toLowerCase());
        MobilePages.Message error = switch (result.outcome()) {
            case ACCEPTED -> null;
            case WRONG -> MobilePages.error("procuraMobileCodeWrong", result.attemptsLeft());
            case MALFORMED -> MobilePages.error("procuraMobileCodeMalformed", settings.length());
            case EXPIRED -> MobilePages.error("procuraMobileCodeExpired");
            case EXHAUSTED, REPLAYED -> MobilePages.error("procuraMobileCodeExhausted");
        };
        if (error != null) {
            context.challenge(MobilePages.code(context, pending, settings, error));
            return;
        }
        context.getUser().setSingleAttribute(Contact.PHONE_NUMBER, pending.number());
        context.getUser().setSingleAttribute(Contact.PHONE_NUMBER_VERIFIED, "true");
        clear(context.getAuthenticationSession());
        context.getEvent().detail("procura_mobile", "verified");
        context.success();
    }

    private static Optional<PendingNumber> pending(AuthenticationSessionModel authSession) {
        return PendingNumber.fromNotes(SessionNotes.read(authSession, PendingNumber.noteNames()));
    }

    private static void clear(AuthenticationSessionModel authSession) {
        for (String name : PendingNumber.noteNames()) authSession.removeAuthNote(name);
    }

    /** The action's configuration (validity, cooldown: the login code's keys and bounds), else the defaults. */
    private static CodeSettings settings(RequiredActionContext context) {
        return context.getConfig() == null ? CodeSettings.DEFAULTS : CodeSettings.from(context.getConfig().getConfig());
    }

    @Override
    public void close() {
        // no resources
    }
}
