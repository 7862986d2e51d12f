package ch.procura.keycloak.mobile;

import ch.procura.keycloak.otp.CodeIssuer;
import ch.procura.keycloak.otp.CodeSettings;
import ch.procura.keycloak.otp.OtpCodeAuthenticatorFactory;
import ch.procura.keycloak.otp.SmsGateway;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * Factory of the required action "Procura: add and verify a mobile number", id
 * {@code procura-mobile-number} (R2). It sends through the SMS gateway of the login code's
 * authenticator ({@link OtpCodeAuthenticatorFactory#smsGateway()}), so the webhook is configured
 * once, on {@code procura-otp-code}; without one, the page says SMS is unavailable.
 * Configurable per realm: the code's validity and resend cooldown (the login code's keys and bounds,
 * validity at most 300 s) and Keycloak's maximum authentication age for {@code kc_action}.
 */
public final class MobileNumberActionFactory implements RequiredActionFactory {

    public static final String ID = "procura-mobile-number";

    private final CodeIssuer issuer = new CodeIssuer(new SecureRandom());
    private volatile Optional<SmsGateway> gateway = Optional.empty();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new MobileNumberAction(issuer, () -> gateway, Clock.systemUTC());
    }

    @Override
    public void init(Config.Scope config) {
        // the gateway is the authenticator's, found in postInit
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (factory.getProviderFactory(Authenticator.class, OtpCodeAuthenticatorFactory.ID) instanceof OtpCodeAuthenticatorFactory otp) {
            gateway = otp.smsGateway();
        }
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Procura: add and verify a mobile number";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    /** Refuses, at configuration time, a validity or cooldown outside the login code's bounds (validity at most 300 s). */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        RequiredActionFactory.super.validateConfig(session, realm, model);
        for (String key : List.of(CodeSettings.VALIDITY, CodeSettings.RESEND_COOLDOWN)) {
            String value = model.getConfigValue(key);
            if (value == null || value.isBlank()) continue;
            try {
                CodeSettings.from(Map.of(key, value));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(new ValidationError(ID, key, "error-invalid-value"));
            }
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(MAX_AUTH_AGE_CONFIG_PROPERTIES);
        properties.addAll(ProviderConfigurationBuilder.create()
                .property().name(CodeSettings.VALIDITY).label("Code validity (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(CodeSettings.DEFAULTS.validitySeconds())).helpText("How long a verification code is accepted, at most 300.").add()
                .property().name(CodeSettings.RESEND_COOLDOWN).label("Re-send cooldown (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(CodeSettings.DEFAULTS.resendCooldownSeconds())).helpText("Wait before another code may be sent.").add()
                .build());
        return properties;
    }
}
