package dev.obsaga.commons.json;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Our JSON has decimals for money only (prices, totals, amounts), and writes every one with two decimals —
 * {@code 25.00}, whether the value came from a request, a computation or the database (whose reader drops
 * trailing zeros) — in API answers and events alike.
 */
public final class MoneySerializer extends StdSerializer<BigDecimal> {

    public static final int SCALE = 2;

    public MoneySerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(value.scale() < SCALE ? value.setScale(SCALE) : value);
    }
}
