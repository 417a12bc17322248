package dev.obsaga.contracts.access;

import java.util.ArrayList;
import java.util.List;

/**
 * The one set-up step of least privilege, printed for the tool that applies it (README: Security):
 * <pre>
 *   AccessSetup rabbitmqctl VHOST USER_PREFIX   shell lines (rabbitmqctl) creating one user per service
 *   AccessSetup sql DATABASE ROLE_PREFIX        SQL for psql (as an administrator): one role per service
 *   AccessSetup kubernetes NAMESPACE CLUSTER    Messaging Topology Operator User/Permission resources
 * </pre>
 * Passwords are never printed into a file of the repository: the shell lines refer to
 * {@code $RABBITMQ_PASSWORD_<SERVICE>}, the SQL takes {@code DB_PASSWORD_<SERVICE>} from this process' environment
 * (pipe it straight into psql), the Kubernetes Users import theirs from Secrets.
 */
public final class AccessSetup {

    private AccessSetup() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: AccessSetup rabbitmqctl VHOST USER_PREFIX | sql DATABASE ROLE_PREFIX"
                    + " | kubernetes NAMESPACE RABBITMQ_CLUSTER");
            System.exit(3);
        }
        List<String> lines = switch (args[0]) {
            case "rabbitmqctl" -> rabbitmqctl(args[1], args[2]);
            case "sql" -> sql(args[1], args[2]);
            case "kubernetes" -> List.of(KubernetesBrokerUsers.yaml(args[1], args[2]));
            default -> throw new IllegalArgumentException("unknown output " + args[0]);
        };
        lines.forEach(System.out::println);
    }

    static List<String> rabbitmqctl(String vhost, String userPrefix) {
        List<String> lines = new ArrayList<>();
        lines.add("set -euo pipefail");
        // rabbitmqctl reads its standard input: without </dev/null it would eat the rest of a piped script.
        lines.add("rabbitmqctl -q add_vhost " + quote(vhost) + " </dev/null 2>/dev/null || true");
        for (BrokerPermissions p : BrokerPermissions.all()) {
            String user = quote(userPrefix + p.service());
            String password = "\"${" + ServiceNames.secretVariable("RABBITMQ_PASSWORD", p.service()) + ":?}\"";
            lines.add("rabbitmqctl -q add_user " + user + " " + password + " </dev/null 2>/dev/null"
                    + " || rabbitmqctl -q change_password " + user + " " + password + " </dev/null");
            lines.add("rabbitmqctl -q set_permissions -p " + quote(vhost) + " " + user + " " + quote(p.configure()) + " "
                    + quote(p.write()) + " " + quote(p.read()) + " </dev/null");
        }
        return lines;
    }

    static List<String> sql(String database, String rolePrefix) {
        List<String> lines = new ArrayList<>();
        for (String service : ServiceNames.ALL) {
            String variable = ServiceNames.secretVariable("DB_PASSWORD", service);
            String password = System.getenv(variable);
            if (password == null || password.isBlank()) {
                throw new IllegalStateException(variable + " is not set");
            }
            DatabaseRoles.setUp(database, service, rolePrefix + service, password).forEach(s -> lines.add(s + ";"));
        }
        return lines;
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
