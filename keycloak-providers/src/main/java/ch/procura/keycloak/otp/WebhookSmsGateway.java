package ch.procura.keycloak.otp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The SMS gateway as an HTTP webhook: {@code POST <url>} with
 * {@code {"to":"+41791234567","text":"…","reference":"K7Q2","realm":"procura"}}
 * ({@code application/json}, UTF-8), and {@code Authorization: Bearer <token>} when a token is
 * configured. Any 2xx answer means accepted; anything else, or no answer within 5 seconds, fails.
 */
public final class WebhookSmsGateway implements SmsGateway {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final String token;
    private final HttpClient client;

    public WebhookSmsGateway(URI url, String token) {
        this.url = url;
        this.token = token == null || token.isBlank() ? null : token;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void send(SmsMessage message) throws SmsException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(message), StandardCharsets.UTF_8));
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) throw new SmsException("the SMS webhook answered " + response.statusCode(), null);
        } catch (IOException e) {
            throw new SmsException("the SMS webhook could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException("interrupted while calling the SMS webhook", e);
        }
    }

    /** The JSON body of the webhook call. */
    static String body(SmsMessage message) {
        return "{\"to\":" + json(message.to()) + ",\"text\":" + json(message.text())
                + ",\"reference\":" + json(message.reference()) + ",\"realm\":" + json(message.realm()) + "}";
    }

    static String json(String value) {
        if (value == null) return "null";
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
