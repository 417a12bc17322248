package dev.obsaga.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A Slack incoming webhook stand-in: records every payload posted to it (Alertmanager's slack_configs post
 * {"channel":..,"attachments":[{"title":..,"text":..}]}) and answers "ok" as Slack does.
 */
final class SlackSink implements AutoCloseable {

    /** One Slack message: the title and text of each attachment, joined. */
    record Message(String title, String text, String raw) {
    }

    private final HttpServer server;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private SlackSink(HttpServer server) {
        this.server = server;
    }

    static SlackSink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SlackSink sink = new SlackSink(server);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = 200;
                try {
                    sink.record(body);
                } catch (IOException e) {
                    status = 400;
                }
                byte[] answer = (status == 200 ? "ok" : "invalid_payload").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.setExecutor(Executors.newSingleThreadExecutor());
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(String body) throws IOException {
        JsonNode payload = DashboardQueries.JSON.readTree(body);
        StringBuilder title = new StringBuilder();
        StringBuilder text = new StringBuilder(payload.path("text").asText(""));
        for (JsonNode attachment : payload.path("attachments")) {
            title.append(attachment.path("title").asText(""));
            text.append(attachment.path("text").asText(""));
        }
        messages.add(new Message(title.toString(), text.toString(), body));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/obsaga-test";
    }

    List<Message> messages() {
        return new ArrayList<>(messages);
    }

    void clear() {
        messages.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
