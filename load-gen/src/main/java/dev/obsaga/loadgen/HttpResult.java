package dev.obsaga.loadgen;

/**
 * Outcome of one HTTP exchange: a status and body, or a transport error (status 0).
 */
public record HttpResult(int status, String body, String location, Throwable error) {

    public static HttpResult failed(Throwable error) {
        return new HttpResult(0, null, null, error);
    }

    public boolean isTransportError() {
        return error != null;
    }

    /** Simple name of the transport error, e.g. {@code ConnectException}, {@code HttpTimeoutException}. */
    public String errorType() {
        return error == null ? null : error.getClass().getSimpleName();
    }
}
