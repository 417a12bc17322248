package dev.obsaga.commons.logging;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.StructuredFormatter;

import io.quarkus.runtime.StartupEvent;

/**
 * Puts the trace context of a JSON log line where the Elastic Common Schema wants it: top-level {@code trace.id}
 * and {@code span.id}. Quarkus' ECS format ({@code quarkus.log.console.json.log-format=ecs}) names every other field
 * the ECS way ({@code @timestamp}, {@code log.level}, {@code service.name}, …) but leaves the ids inside {@code mdc},
 * where no ECS reader looks. It wraps the JSON formatter of every handler once the application has started;
 * the lines written before that belong to no request or message, so they have no trace to show.
 */
@Singleton
public class EcsTraceFields {

    static final String TRACE_ID = "trace.id";
    static final String SPAN_ID = "span.id";

    void install(@Observes StartupEvent started) {
        for (Handler handler : LogContext.getLogContext().getLogger("").getHandlers()) {
            wrap(handler);
        }
    }

    private static void wrap(Handler handler) {
        Formatter formatter = handler.getFormatter();
        if (formatter instanceof StructuredFormatter structured) {
            handler.setFormatter(new Lifting(structured));
        }
        if (handler instanceof ExtHandler parent) {
            for (Handler child : parent.getHandlers()) {
                wrap(child);
            }
        }
    }

    /** The JSON line of the wrapped formatter, with the ids moved out of {@code mdc} to the top level. */
    static final class Lifting extends Formatter {

        private final Formatter json;

        Lifting(Formatter json) {
            this.json = json;
        }

        @Override
        public String format(LogRecord record) {
            if (!(record instanceof ExtLogRecord ext)) {
                return json.format(record);
            }
            String traceId = ext.getMdc("traceId");
            if (traceId == null || traceId.isEmpty()) {
                return json.format(record);
            }
            String spanId = ext.getMdc("spanId");
            ext.removeMdc("traceId");
            ext.removeMdc("spanId");
            String line = json.format(record);
            // Ids are hex: nothing to escape. The line is one JSON object, so it starts with '{'.
            StringBuilder lifted = new StringBuilder(line.length() + 80).append("{\"").append(TRACE_ID)
                    .append("\":\"").append(traceId).append('"');
            if (spanId != null && !spanId.isEmpty()) {
                lifted.append(",\"").append(SPAN_ID).append("\":\"").append(spanId).append('"');
            }
            return lifted.append(line.length() > 2 && line.charAt(1) != '}' ? "," : "").append(line, 1, line.length())
                    .toString();
        }

        @Override
        public String getHead(Handler handler) {
            return json.getHead(handler);
        }

        @Override
        public String getTail(Handler handler) {
            return json.getTail(handler);
        }
    }
}
