package dev.obsaga.faulttests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import dev.obsaga.testsupport.SagaService;
import dev.obsaga.testsupport.ServiceHttp;

/** What the services say about themselves on their management port: readiness and Prometheus metrics. */
final class Probes {

    private static final HttpClient HTTP = ServiceHttp.client(Duration.ofSeconds(2));

    private Probes() {
    }

    /** Readiness "status" when nothing listens on the management port: the process is gone. */
    static final int REFUSED = -1;
    /** Readiness "status" when the probe got no answer in time (a busy machine, not an answer). */
    static final int TIMED_OUT = -2;

    static boolean ready(SagaService service) {
        return readiness(service) == 200;
    }

    /** 200 ready, 503 not ready, {@link #REFUSED}, {@link #TIMED_OUT}. */
    static int readiness(SagaService service) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            return TIMED_OUT;
        } catch (IOException e) {
            return REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TIMED_OUT;
        }
    }

    /** A fault knob on the management port; answers the status. */
    static int put(SagaService service, String path, String json) {
        return put(service.managementUrl(), path, json);
    }

    /** A fault knob of the instance whose management port is {@code managementUrl}. */
    static int put(String managementUrl, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(managementUrl + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static int delete(SagaService service, String path) {
        return delete(service.managementUrl(), path);
    }

    static int delete(String managementUrl, String path) {
        return send(HttpRequest.newBuilder(URI.create(managementUrl + path)).DELETE());
    }

    private static int send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("management request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String metrics(SagaService service) {
        return metrics(service.managementUrl());
    }

    static String metrics(String managementUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(managementUrl + "/q/metrics")).timeout(Duration.ofSeconds(5))
                    // The plain text format: OpenMetrics would append exemplars (and their timestamps) to samples.
                    .header("Accept", "text/plain; version=0.0.4").build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Sum of the samples of {@code name} whose labels include all of {@code labels} (text format 0.0.4). */
    static double sample(String metrics, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean matches = labels.entrySet().stream()
                    .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                int labelsEnd = line.indexOf('{') >= 0 ? line.lastIndexOf('}') + 1 : name.length();
                String value = line.substring(labelsEnd).trim().split("\\s+")[0];
                sum += Double.parseDouble(value);
            }
        }
        return sum;
    }

    static double sample(SagaService service, String name, Map<String, String> labels) {
        return sample(metrics(service), name, labels);
    }
}
