package dev.obsaga.testsupport;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The JDK HTTP client the tests call the services with: HTTP/1.1, as Prometheus, the kubelet's probes and load-gen
 * speak to them. The JDK's default, HTTP/2, asks to upgrade a plain connection (h2c); Vert.x accepts, and the
 * client then read a later answer on that connection as HTTP/2 frames ("protocol error: Frame type(101) length(…)
 * exceeds MAX_FRAME_SIZE", seen scraping orders' metrics in container-tests).
 */
public final class ServiceHttp {

    private ServiceHttp() {
    }

    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }
}
