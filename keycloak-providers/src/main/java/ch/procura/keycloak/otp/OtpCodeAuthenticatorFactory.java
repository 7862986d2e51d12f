package ch.procura.keycloak.otp;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Factory of the "Procura one-time code (e-mail or SMS)" authenticator, id {@code procura-otp-code}.
 * Per-realm settings are the execution's configuration ({@link CodeSettings}); the SMS webhook is
 * server configuration, because its token is a secret that must not travel in realm exports:
 * {@code --spi-authenticator--procura-otp-code--sms-webhook-url=…} and {@code …--sms-webhook-token=…}
 * (or {@code KC_SPI_AUTHENTICATOR__PROCURA_OTP_CODE__SMS_WEBHOOK_URL}, {@code …__SMS_WEBHOOK_TOKEN}).
 * Without a URL, SMS is not offered and every code goes by e-mail.
 */
public final class OtpCodeAuthenticatorFactory implements AuthenticatorFactory {

    public static final String ID = "procura-otp-code";
    private static final Logger LOG = Logger.getLogger(OtpCodeAuthenticatorFactory.class);
    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED};

    private final CodeIssuer issuer = new CodeIssuer(new SecureRandom());
    private CodeDelivery delivery = new CodeDelivery(null);
    private SmsGateway gateway;

    @Override
    public Authenticator create(KeycloakSession session) {
        return new OtpCodeAuthenticator(issuer, delivery, Clock.systemUTC());
    }

    @Override
    public void init(Config.Scope config) {
        String url = first(config, "smsWebhookUrl", "sms-webhook-url");
        if (url == null || url.isBlank()) {
            LOG.info("procura-otp-code: no SMS webhook configured, codes go by e-mail only");
            return;
        }
        URI uri = URI.create(url.trim());
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("procura-otp-code: sms-webhook-url must be an http(s) URL: " + url);
        }
        gateway = new WebhookSmsGateway(uri, first(config, "smsWebhookToken", "sms-webhook-token"));
        delivery = new CodeDelivery(gateway);
        LOG.infof("procura-otp-code: SMS codes go to the webhook at %s://%s", uri.getScheme(), uri.getAuthority());
    }

    /**
     * The server's SMS gateway, if one is configured: the mobile number's verification
     * ({@code ch.procura.keycloak.mobile}) sends through it too, so the webhook is configured once.
     */
    public Optional<SmsGateway> smsGateway() {
        return Optional.ofNullable(gateway);
    }

    private static String first(Config.Scope config, String... keys) {
        for (String key : keys) {
            String value = config.get(key);
            if (value != null) return value;
        }
        return null;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
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
    public String getDisplayType() {
        return "Procura one-time code (e-mail or SMS)";
    }

    /**
     * Keycloak's brute-force protector counts the failures of an authenticator only when its
     * category is one it knows ("'procura-otp-code' authentication category not allowed for brute
     * force", at debug level): with {@code otp}, the category of Keycloak's own one-time codes, each
     * wrong code counts with the password failures and locks the account out as they do (R2).
     */
    @Override
    public String getReferenceCategory() {
        return OTPCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "R2: a one-time code sent by e-mail, or by SMS to a verified mobile number (attributes phone_number, phone_number_verified) when the person chooses it.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(CodeSettings.LENGTH).label("Code length").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(CodeSettings.DEFAULTS.length())).helpText("Digits of a code, 6 to 10.").add()
                .property().name(CodeSettings.VALIDITY).label("Validity (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(CodeSettings.DEFAULTS.validitySeconds())).helpText("How long a code is accepted, at most 300.").add()
                .property().name(CodeSettings.MAX_ATTEMPTS).label("Tries per code").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(CodeSettings.DEFAULTS.maxAttempts())).helpText("Wrong codes before a new one is sent, at most 5.").add()
                .property().name(CodeSettings.RESEND_COOLDOWN).label("Re-send cooldown (seconds)").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(CodeSettings.DEFAULTS.resendCooldownSeconds())).helpText("Wait before another code may be asked for, by whichever channel.").add()
                .property().name(CodeSettings.MAX_SENDS).label("Codes per login").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(CodeSettings.DEFAULTS.maxSends())).helpText("Codes one login attempt may send, whatever the channel, 1 to 10.").add()
                .build();
    }
}
