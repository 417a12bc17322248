package dev.obsaga.loadgen;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Customers registered through {@code POST /customers} before the load, with e-mails unique to the run
 * ({@code lg-<run id>-<n>-<seeded random>@example.org}); a 409 (taken e-mail) is retried with another address.
 */
public final class CustomerPool {

    private static final String[] NAMES = {"Ann", "Bob", "Chloé", "Dmitri", "Eve", "Fatima", "Gus", "Hana", "Ivo",
        "Jun"};
    private static final int ATTEMPTS = 4;
    private static final int PARALLEL = 8;

    private final HttpTransport transport;
    private final URI customersUrl;
    private final String runId;
    private final SplittableRandom random;
    private final PrintStream log;
    private final List<String> ids = new CopyOnWriteArrayList<>();

    public CustomerPool(HttpTransport transport, URI customersUrl, String runId, SplittableRandom random,
            PrintStream log) {
        this.transport = transport;
        this.customersUrl = customersUrl;
        this.runId = runId;
        this.random = random;
        this.log = log;
    }

    /**
     * Registers {@code count} customers, {@value #PARALLEL} at a time; fails when one cannot be registered after a
     * few attempts. The data of customer {@code n} depends only on the seed, not on the order of completion.
     */
    public void register(int count) throws SetupException {
        URI uri = customersUrl.resolve("/customers");
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            randoms.add(random.split());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, Math.max(1, count)), r -> {
            Thread t = new Thread(r, "load-gen-register");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> registered = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                int index = n;
                registered.add(pool.submit(() -> registerOne(uri, index, randoms.get(index))));
            }
            for (Future<String> id : registered) {
                ids.add(id.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SetupException setup ? setup
                    : new SetupException("could not register customers: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while registering customers");
        } finally {
            pool.shutdownNow();
        }
        log.printf("registered %d customers at %s%n", count, customersUrl);
    }

    private String registerOne(URI uri, int n, SplittableRandom random) throws SetupException {
        String last = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            String email = "lg-" + runId + "-" + n + "-" + Integer.toHexString(random.nextInt(1 << 24))
                    + "@example.org";
            String body = "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
            PlannedRequest request = PlannedRequest.json("customer.register", "POST", uri,
                    body.getBytes(StandardCharsets.UTF_8), Expectation.status(201));
            HttpResult result;
            try {
                result = transport.send(request, null).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SetupException("interrupted while registering customers");
            } catch (Exception e) {
                result = HttpResult.failed(e);
            }
            if (result.status() == 201) {
                String id = idOf(result.body());
                if (id != null) {
                    return id;
                }
                last = "201 without an id: " + result.body();
            } else if (result.isTransportError()) {
                last = result.error().toString();
            } else {
                last = result.status() + " " + result.body();
            }
            if (result.status() != 409 && attempt < ATTEMPTS - 1) {
                pause(attempt);
            }
        }
        throw new SetupException("could not register customer " + n + " at " + uri + ": " + last);
    }

    private static void pause(int attempt) throws SetupException {
        try {
            TimeUnit.MILLISECONDS.sleep(100L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while registering customers");
        }
    }

    static String idOf(String body) {
        return Json.id(body);
    }

    public List<String> ids() {
        return List.copyOf(ids);
    }

    public int size() {
        return ids.size();
    }

    /** A registered customer, or a random UUID when none is registered. */
    public String pick(SplittableRandom random) {
        return ids.isEmpty()
                ? new UUID(random.nextLong(), random.nextLong()).toString()
                : ids.get(random.nextInt(ids.size()));
    }
}
