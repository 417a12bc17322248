package dev.obsaga.contracts.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.obsaga.contracts.topology.Exchange;
import dev.obsaga.contracts.topology.Subscription;

/**
 * One service's RabbitMQ permissions (configure, write, read regexes of one virtual host), derived from the
 * topology so that the permissions and what the service declares cannot drift apart:
 * <ul>
 * <li>configure: its own exchange, its queues and their dead-letter queues, the dead-letter exchange it declares,
 * and the exchanges it binds from (the connector declares the source exchange of an incoming channel).</li>
 * <li>write: its own exchange (publishing), its queues and dead-letter queues (binding them), and the dead-letter
 * exchange: RabbitMQ refuses to declare a queue with {@code x-dead-letter-exchange} to a user without write on that
 * exchange (the broker itself does the dead-lettering; a consumer could also publish into the dead-letter queues,
 * the one privilege the topology cannot avoid).</li>
 * <li>read: its queues (consuming), the exchanges it binds from and the dead-letter exchange (binding needs read on
 * the source).</li>
 * </ul>
 */
public record BrokerPermissions(String service, String configure, String write, String read) {

    /** Everything refused: RabbitMQ's way of writing "no permission". */
    static final String NOTHING = "^$";

    public static List<BrokerPermissions> all() {
        return ServiceNames.ALL.stream().map(BrokerPermissions::of).toList();
    }

    public static BrokerPermissions of(String service) {
        List<Subscription> subscriptions = List.of(Subscription.values()).stream()
                .filter(s -> s.consumer().equals(service)).toList();
        Set<String> ownExchange = Exchange.ownedBy(service).map(e -> Set.of(e.exchangeName())).orElse(Set.of());
        Set<String> queues = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (Subscription s : subscriptions) {
            queues.add(s.queue());
            queues.add(s.deadLetterQueue());
            sources.add(s.exchange().exchangeName());
        }
        Set<String> deadLetter = subscriptions.isEmpty() ? Set.of() : Set.of(Subscription.DEAD_LETTER_EXCHANGE);
        return new BrokerPermissions(service,
                anyOf(ownExchange, queues, deadLetter, sources),
                anyOf(ownExchange, queues, deadLetter),
                anyOf(queues, sources, deadLetter));
    }

    @SafeVarargs
    private static String anyOf(Set<String>... names) {
        List<String> all = new ArrayList<>();
        for (Set<String> set : names) {
            all.addAll(set);
        }
        if (all.isEmpty()) {
            return NOTHING;
        }
        return all.stream().distinct().map(BrokerPermissions::literal).collect(Collectors.joining("|", "^(", ")$"));
    }

    /** A resource name as a regex matching exactly that name (our names hold only [a-z.-]). */
    private static String literal(String name) {
        if (!name.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("Unexpected resource name " + name);
        }
        return name.replace(".", "\\.");
    }
}
