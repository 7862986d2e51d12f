package ch.procura.keycloak.mobile;

import ch.procura.keycloak.otp.CodeSettings;
import ch.procura.keycloak.otp.Contact;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * The page of the mobile number's verification, {@code procura-mobile.ftl} of the {@code procura}
 * login theme, in two steps: type the number ({@code step = number}), then the code sent to it
 * ({@code step = code}). Messages are keys of the theme's bundles, French first.
 */
final class MobilePages {

    static final String PAGE = "procura-mobile.ftl";

    private MobilePages() {}

    /** Step 1: the number; `typed` is shown again after a refusal. */
    static Response number(RequiredActionContext context, String typed, Message message) {
        Map<String, Object> model = base(context, "number");
        model.put("number", typed == null ? "" : typed);
        return render(context, model, Contact.PHONE_NUMBER, message);
    }

    /** Step 2: the code sent to the pending number. */
    static Response code(RequiredActionContext context, PendingNumber pending, CodeSettings settings, Message message) {
        Map<String, Object> model = base(context, "code");
        model.put("number", pending.number());
        model.put("destination", Contact.maskPhone(pending.number()));
        model.put("reference", pending.code().reference());
        model.put("length", settings.length());
        model.put("validityMinutes", settings.validityMinutes());
        return render(context, model, "code", message);
    }

    private static Map<String, Object> base(RequiredActionContext context, String step) {
        UserModel user = context.getUser();
        Contact contact = Contact.of(user.getEmail(), user.getFirstAttribute(Contact.PHONE_NUMBER), user.getFirstAttribute(Contact.PHONE_NUMBER_VERIFIED));
        Map<String, Object> model = new HashMap<>();
        model.put("step", step);
        model.put("current", contact.verifiedMobile().map(Contact::maskPhone).orElse(""));
        return model;
    }

    private static Response render(RequiredActionContext context, Map<String, Object> model, String field, Message message) {
        LoginFormsProvider form = context.form().setAttribute("procuraMobile", model);
        if (message != null && message.error()) form.addError(new FormMessage(field, message.key(), message.args()));
        if (message != null && !message.error()) form.setInfo(message.key(), message.args());
        return form.createForm(PAGE);
    }

    static Message error(String key, Object... args) {
        return new Message(true, key, args);
    }

    static Message info(String key, Object... args) {
        return new Message(false, key, args);
    }

    record Message(boolean error, String key, Object... args) {}
}
