package dev.obsaga.loadgen;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The two fields load-gen reads from the services' answers: the id of what it created and an order's status
 * (hot path: every 202 and every poll). Jackson binds only these two and skips the rest of the body.
 */
final class Json {

    private static final ObjectReader ANSWER = new ObjectMapper().readerFor(Answer.class);
    private static final Answer NONE = new Answer(null, null);

    private Json() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String id, String status) {
    }

    static String id(String body) {
        return read(body).id();
    }

    static String status(String body) {
        return read(body).status();
    }

    /** Whatever is not a JSON object with these fields (an error page, a truncated body) has neither. */
    private static Answer read(String body) {
        if (body == null || body.isBlank()) {
            return NONE;
        }
        try {
            Answer answer = ANSWER.readValue(body);
            return answer == null ? NONE : answer;
        } catch (IOException e) {
            return NONE;
        }
    }
}
