package dev.obsaga.containers;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What the Slack sink container received, read from its published port ({@code GET /payloads}). */
final class SlackSinkMessages {

    record Message(String title, String text) {
    }

    private final String url;

    SlackSinkMessages(ComposeStack stack) {
        this.url = stack.url("SLACK_SINK_HOST_PORT");
    }

    List<Message> all() {
        Http.Response response = Http.get(url + "/payloads");
        if (response.status() != 200) {
            throw new AssertionError("slack sink answered " + response.status());
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode entry : response.json()) {
            JsonNode payload = entry.path("payload");
            for (JsonNode a : payload.path("attachments")) {
                messages.add(new Message(a.path("title").asText(), a.path("text").asText()));
            }
            if (payload.hasNonNull("text")) {
                messages.add(new Message("", payload.path("text").asText()));
            }
        }
        return messages;
    }

    boolean firing(String alert, String runbook) {
        return all().stream().anyMatch(m -> m.title().startsWith("[FIRING") && m.text().contains("*" + alert + "*")
                && m.text().contains(runbook));
    }

    boolean resolved(String alert) {
        return all().stream().anyMatch(m -> m.text().contains("*RESOLVED* *" + alert + "*"));
    }

    String titles() {
        return all().stream().map(Message::title).toList().toString();
    }
}
