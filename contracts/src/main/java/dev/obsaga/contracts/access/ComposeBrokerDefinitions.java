package dev.obsaga.contracts.access;

import java.util.ArrayList;
import java.util.List;

/**
 * The services' broker users as a RabbitMQ definitions file for docker compose (infra/rabbitmq/definitions.json),
 * loaded by the broker at every boot: a user per service with the permissions of {@link BrokerPermissions}, and
 * one administrator for the management UI (the user of {@code RABBITMQ_USER}; no service uses it). A broker that
 * loads definitions at boot creates no default user, so there is no {@code guest} either. Passwords are
 * placeholders ({@code ${RABBITMQ_PASSWORD_<SERVICE>}}) that infra/rabbitmq/load-definitions.sh fills in from the
 * environment inside the container: the committed file holds no secret.
 */
public final class ComposeBrokerDefinitions {

    private ComposeBrokerDefinitions() {
    }

    public static String json(String vhost, String userPrefix) {
        List<String> users = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        users.add(user("${RABBITMQ_USER}", "${RABBITMQ_PASSWORD}", "[\"administrator\"]"));
        permissions.add(permission("${RABBITMQ_USER}", vhost, ".*", ".*", ".*"));
        for (BrokerPermissions p : BrokerPermissions.all()) {
            String name = userPrefix + p.service();
            users.add(user(name, "${" + ServiceNames.secretVariable("RABBITMQ_PASSWORD", p.service()) + "}", "[]"));
            permissions.add(permission(name, vhost, p.configure(), p.write(), p.read()));
        }
        return "{\n  \"users\": [\n" + String.join(",\n", users) + "\n  ],\n"
                + "  \"vhosts\": [\n    {\"name\": " + string(vhost) + "}\n  ],\n"
                + "  \"permissions\": [\n" + String.join(",\n", permissions) + "\n  ]\n}";
    }

    private static String user(String name, String password, String tags) {
        return "    {\"name\": " + string(name) + ", \"password\": " + string(password) + ", \"tags\": " + tags + "}";
    }

    private static String permission(String user, String vhost, String configure, String write, String read) {
        return "    {\"user\": " + string(user) + ", \"vhost\": " + string(vhost) + ", \"configure\": "
                + string(configure) + ", \"write\": " + string(write) + ", \"read\": " + string(read) + "}";
    }

    /** A JSON string: our names and regexes hold no quote or control character, only backslashes to double. */
    private static String string(String value) {
        if (value.contains("\"")) {
            throw new IllegalArgumentException("Unexpected quote in " + value);
        }
        return "\"" + value.replace("\\", "\\\\") + "\"";
    }
}
