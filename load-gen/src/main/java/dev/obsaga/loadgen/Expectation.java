package dev.obsaga.loadgen;

/**
 * What a well-behaved system answers to a planned request.
 *
 * @param minStatus   lowest acceptable HTTP status
 * @param maxStatus   highest acceptable HTTP status
 * @param finalStatus for an accepted order, the final saga state it should reach (null: any)
 */
public record Expectation(int minStatus, int maxStatus, String finalStatus) {

    public static Expectation accepted(String finalStatus) {
        return new Expectation(202, 202, finalStatus);
    }

    public static Expectation status(int status) {
        return new Expectation(status, status, null);
    }

    public static Expectation clientError() {
        return new Expectation(400, 499, null);
    }

    public boolean matches(int status) {
        return status >= minStatus && status <= maxStatus;
    }
}
