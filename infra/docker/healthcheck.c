/*
 * A container health probe for images without curl/wget (the Quarkus micro image has neither):
 *   healthcheck http://127.0.0.1:9081/q/health/ready
 * exits 0 when the answer's status is 2xx, 1 otherwise (connection refused, timeout, 503 ...).
 * Plain HTTP/1.0 to an IPv4 address only; compiled in the image's build stage (gcc of the Mandrel builder image).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char host[64], path[512] = "/";
    int port = 80;
    if (argc != 2 || sscanf(argv[1], "http://%63[^:/]:%d%511s", host, &port, path) < 2) {
        fprintf(stderr, "usage: %s http://<ipv4>:<port>/<path>\n", argv[0]);
        return 2;
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short) port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "not an IPv4 address: %s\n", host);
        return 2;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct timeval timeout = {.tv_sec = 2};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (fd < 0 || connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        perror("connect");
        return 1;
    }
    char request[700];
    int n = snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, host);
    if (write(fd, request, (size_t) n) != n) {
        perror("write");
        return 1;
    }
    char response[32] = {0};
    ssize_t got = read(fd, response, sizeof response - 1);
    close(fd);
    int status = 0;
    if (got <= 0 || sscanf(response, "HTTP/%*d.%*d %d", &status) != 1) {
        fprintf(stderr, "no HTTP answer\n");
        return 1;
    }
    printf("%d\n", status);
    return status >= 200 && status < 300 ? 0 : 1;
}
