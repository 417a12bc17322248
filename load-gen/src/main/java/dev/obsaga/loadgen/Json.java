package dev.obsaga.loadgen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cheap reads of one top-level string field of a small JSON answer (hot path: every 202 and every poll). */
final class Json {

    private Json() {
    }

    private static final Pattern ID = field("id");
    private static final Pattern STATUS = field("status");

    private static Pattern field(String name) {
        return Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"\\\\]*)\"");
    }

    static String id(String body) {
        return first(ID, body);
    }

    static String status(String body) {
        return first(STATUS, body);
    }

    private static String first(Pattern pattern, String body) {
        if (body == null) {
            return null;
        }
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
