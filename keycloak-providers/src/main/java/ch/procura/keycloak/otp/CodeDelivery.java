package ch.procura.keycloak.otp;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;

/**
 * Sends a code (R2): by e-mail through Keycloak's e-mail sender with the {@code procura-code.ftl}
 * template of the realm's e-mail theme, or by SMS through the gateway with the text
 * {@code procuraCodeSms} of the same theme, in the person's language.
 */
final class CodeDelivery {

    static final String EMAIL_TEMPLATE = "procura-code.ftl";
    static final String EMAIL_SUBJECT = "procuraCodeSubject";
    static final String SMS_TEXT = "procuraCodeSms";

    private final SmsGateway sms;

    CodeDelivery(SmsGateway sms) {
        this.sms = sms;
    }

    boolean smsAvailable() {
        return sms != null;
    }

    /** Sends the code; throws {@link DeliveryException} when the e-mail or SMS could not leave. */
    void send(AuthenticationFlowContext context, Contact contact, CodeIssuer.Issued issued, CodeSettings settings) throws DeliveryException {
        IssuedCode kept = issued.kept();
        int minutes = settings.validityMinutes();
        if (kept.channel() == Channel.SMS) {
            sendSms(context, contact, issued.code(), kept.reference(), minutes);
            return;
        }
        try {
            context.getSession().getProvider(EmailTemplateProvider.class)
                    .setRealm(context.getRealm())
                    .setUser(context.getUser())
                    .setAuthenticationSession(context.getAuthenticationSession())
                    // Keycloak adds its own entries to both: they must be mutable.
                    .send(EMAIL_SUBJECT, new ArrayList<>(List.of(kept.reference())), EMAIL_TEMPLATE,
                            new HashMap<>(Map.of("code", issued.code(), "reference", kept.reference(), "validityMinutes", minutes)));
        } catch (EmailException e) {
            throw new DeliveryException("the code e-mail could not be sent", e);
        }
    }

    private void sendSms(AuthenticationFlowContext context, Contact contact, String code, String reference, int minutes) throws DeliveryException {
        if (sms == null || contact.verifiedMobile().isEmpty()) throw new DeliveryException("no SMS gateway or no verified number", null);
        String pattern = ThemeText.emailMessage(context.getSession(), context.getRealm(), context.getUser(), SMS_TEXT,
                "Procura : votre code est {0} (référence {1}, valable {2} min). / Procura: your code is {0} (reference {1}, valid {2} min).");
        String text = MessageFormat.format(pattern, code, reference, minutes);
        try {
            sms.send(new SmsGateway.SmsMessage(contact.verifiedMobile().get(), text, reference, context.getRealm().getName()));
        } catch (SmsGateway.SmsException e) {
            throw new DeliveryException(e.getMessage(), e);
        }
    }

    /** The code could not be sent. */
    static final class DeliveryException extends Exception {
        DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
