package ch.procura.keycloak.otp;

import java.util.Locale;
import java.util.Optional;

/** Where a one-time code goes (R2): e-mail by default, SMS to a verified mobile number. */
public enum Channel {
    EMAIL, SMS;

    /** The form value (`email`, `sms`). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> parse(String value) {
        if (value == null) return Optional.empty();
        for (Channel channel : values()) if (channel.value().equals(value.trim())) return Optional.of(channel);
        return Optional.empty();
    }
}
