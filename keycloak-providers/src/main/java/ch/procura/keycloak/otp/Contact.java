package ch.procura.keycloak.otp;

import java.util.Optional;

/**
 * Where a person can receive a code (R2): always the account's e-mail; a mobile number only when it
 * is verified (user attributes {@code phone_number} and {@code phone_number_verified = true}).
 * Pages show the addresses masked, enough for the person to recognise them.
 */
public record Contact(String email, Optional<String> verifiedMobile) {

    public static final String PHONE_NUMBER = "phone_number";
    public static final String PHONE_NUMBER_VERIFIED = "phone_number_verified";

    /** From the user's e-mail and attributes (values as Keycloak returns them, maybe null). */
    public static Contact of(String email, String phoneNumber, String phoneNumberVerified) {
        boolean verified = "true".equalsIgnoreCase(phoneNumberVerified == null ? "" : phoneNumberVerified.trim());
        String number = phoneNumber == null ? "" : phoneNumber.replaceAll("[\\s.()-]", "");
        boolean plausible = number.matches("\\+?[0-9]{8,15}");
        return new Contact(email, verified && plausible ? Optional.of(number) : Optional.empty());
    }

    /** The person chooses only when both ways exist. */
    public boolean offersChoice() {
        return verifiedMobile.isPresent() && email != null && !email.isBlank();
    }

    /** `camille.test@example.ch` → `c•••••••••@example.ch`. */
    public static String maskEmail(String email) {
        if (email == null) return "";
        int at = email.indexOf('@');
        if (at <= 0) return "•••";
        return email.charAt(0) + "•".repeat(Math.max(3, at - 1)) + email.substring(at);
    }

    /** `+41791234567` → `+41 ••• •• 67`: the country and the last two digits. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.length() < 4) return "•••";
        String country = phone.startsWith("+") ? phone.substring(0, 3) + " " : "";
        return country + "••• •• " + phone.substring(phone.length() - 2);
    }
}
