package dev.obsaga.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.obsaga.testsupport.ServiceHttp;

/** The time of one /q/metrics scrape as Prometheus asks for it (text 0.0.4): the median of several. */
public final class Scrape {

    private static final HttpClient HTTP = ServiceHttp.client(Duration.ofSeconds(2));

    public record Result(double medianMs, int bytes) {
    }

    private Scrape() {
    }

    public static Result measure(String managementUrl, int times) {
        List<Double> ms = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < times; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics"))
                    .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofSeconds(10)).build();
            long t0 = System.nanoTime();
            try {
                bytes = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
            } catch (IOException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return new Result(Spread.of(ms).median(), bytes);
    }
}
