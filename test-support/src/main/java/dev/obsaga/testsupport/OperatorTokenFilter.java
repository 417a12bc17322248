package dev.obsaga.testsupport;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/** For RestAssured calls in {@code @QuarkusTest}s: an operator token unless the test sends its own Authorization. */
public final class OperatorTokenFilter implements Filter {

    private final String authorization = TestCredentials.operatorAuthorization();

    /** Installs the filter once for the class loader's RestAssured. */
    public static synchronized void install() {
        if (RestAssured.filters().stream().noneMatch(OperatorTokenFilter.class::isInstance)) {
            RestAssured.filters(new OperatorTokenFilter());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", authorization);
        }
        return context.next(request, response);
    }
}
