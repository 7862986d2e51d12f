package ch.procura.keycloak.projection;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads the projection endpoints' request bodies strictly: one JSON value, no duplicate field. */
final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /** @throws InvalidRequestException if the body is empty or not such JSON, saying why */
    static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("the body is empty");
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidRequestException("the body cannot be read", e);
        }
    }
}
