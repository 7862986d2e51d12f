package ch.procura.keycloak.otp;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * The two login pages of the code step, templates of the {@code procura} login theme:
 * {@code procura-code-channel.ftl} (choose e-mail or SMS, R2) and {@code procura-code.ftl} (type
 * the code). Messages are keys of the theme's bundles, French first.
 */
final class CodePages {

    static final String CHANNEL_PAGE = "procura-code-channel.ftl";
    static final String CODE_PAGE = "procura-code.ftl";

    private CodePages() {}

    static Response choice(AuthenticationFlowContext context, Contact contact) {
        Map<String, Object> model = new HashMap<>();
        model.put("email", Contact.maskEmail(contact.email()));
        model.put("phone", contact.verifiedMobile().map(Contact::maskPhone).orElse(""));
        return context.form().setAttribute("procuraChannel", model).createForm(CHANNEL_PAGE);
    }

    /** The code page for `kept`, with an optional message (error or info) and its arguments. */
    static Response code(AuthenticationFlowContext context, Contact contact, IssuedCode kept, CodeSettings settings, Message message) {
        Map<String, Object> model = new HashMap<>();
        model.put("channel", kept.channel().value());
        model.put("destination", kept.channel() == Channel.SMS ? contact.verifiedMobile().map(Contact::maskPhone).orElse("") : Contact.maskEmail(contact.email()));
        model.put("reference", kept.reference());
        model.put("length", settings.length());
        model.put("validityMinutes", settings.validityMinutes());
        model.put("canChoose", contact.offersChoice());
        LoginFormsProvider form = context.form().setAttribute("procuraCode", model);
        if (message != null && message.error()) form.addError(new FormMessage("code", message.key(), message.args()));
        if (message != null && !message.error()) form.setInfo(message.key(), message.args());
        return form.createForm(CODE_PAGE);
    }

    /** A page with only a message (the code step cannot go on: lock-out, nothing could be sent). */
    static Response stop(AuthenticationFlowContext context, String key, Object... args) {
        return context.form().setError(key, args).createErrorPage(Response.Status.BAD_REQUEST);
    }

    record Message(boolean error, String key, Object... args) {
        static Message error(String key, Object... args) {
            return new Message(true, key, args);
        }

        static Message info(String key, Object... args) {
            return new Message(false, key, args);
        }
    }
}
