package dev.obsaga.containers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import dev.obsaga.testsupport.ServiceHttp;

/** Plain HTTP to the published ports: the only way the test talks to what runs in the containers. */
final class Http {

    record Response(int status, String text, JsonNode json) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = ServiceHttp.client(Duration.ofSeconds(3));

    private Http() {
    }

    static Response send(String method, String url, String jsonBody) {
        return send(method, url, jsonBody, null);
    }

    /** A call of the services' APIs, as the tests' operator. */
    static Response api(String method, String url, String jsonBody) {
        return send(method, url, jsonBody, dev.obsaga.testsupport.TestCredentials.operatorAuthorization());
    }

    static Response send(String method, String url, String jsonBody, String authorization) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Response get(String url) {
        return send("GET", url, null);
    }

    /** The status of a GET, or -1 when nothing answers (for conditions that wait for a port). */
    static int status(String url) {
        try {
            return get(url).status();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
