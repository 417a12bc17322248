package dev.obsaga.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class JsonTests {

    @Test
    void readsTheTopLevelIdAndStatusOfAnAnswer() {
        String order = """
                {"items":[{"sku":"BOOK-1","status":"line"}],"id":"0b6c","status":"CONFIRMED","total":25.00,
                 "card":{"last4":"4242"},"rejectionReason":null}""";
        assertEquals("0b6c", Json.id(order));
        assertEquals("CONFIRMED", Json.status(order));
    }

    @Test
    void aBodyWithoutThemHasNeither() {
        for (String body : new String[] {null, "", "<html>502</html>", "{\"id\":", "[]", "{\"title\":\"x\"}"}) {
            assertNull(Json.id(body), body);
            assertNull(Json.status(body), body);
        }
    }
}
