package dev.obsaga.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obsaga.contracts.access.AccessSetup;
import dev.obsaga.contracts.access.ComposeBrokerDefinitions;
import dev.obsaga.contracts.access.ServiceNames;

/**
 * In compose, too, each service has its own broker user and database role, made from the contracts: the committed
 * definitions file and psql script are what AccessSetup generates today, and each service connects with its own
 * name and its own password variable, after the roles' set-up has succeeded. (ContainerStackIT runs the stack and
 * checks who is connected.)
 */
class ComposeIdentitiesTests {

    @Test
    void theCommittedDefinitionsAndRoleScriptAreTheGeneratedOnes() throws IOException {
        assertEquals(ComposeBrokerDefinitions.json("/", "obsaga-"),
                Files.readString(InfraStaticTests.INFRA.resolve("rabbitmq/definitions.json")).strip(),
                "infra/rabbitmq/definitions.json is stale: regenerate it (README: Security)");
        assertEquals(String.join("\n", AccessSetup.sql("obsaga_")),
                Files.readString(InfraStaticTests.INFRA.resolve("postgres/database-roles.sql")).strip(),
                "infra/postgres/database-roles.sql is stale: regenerate it (README: Security)");
        String definitions = Files.readString(InfraStaticTests.INFRA.resolve("rabbitmq/definitions.json"));
        assertFalse(definitions.contains("\"guest\""), "no guest user");
    }

    @Test
    void eachServiceConnectsAsItselfAfterTheRolesAreSetUp() throws IOException {
        for (String[] variant : new String[][] { {}, { "docker-compose.jvm.yml" } }) {
            JsonNode services = InfraStaticTests.composeConfig(variant).path("services");
            for (String service : ServiceNames.ALL) {
                JsonNode env = services.path(service).path("environment");
                assertEquals("obsaga_" + service, env.path("DB_USER").asText(), service);
                assertEquals("obsaga-" + service, env.path("RABBITMQ_USER").asText(), service);
                // .env.example's values, as docker-compose config filled them in
                assertEquals("change-me-db-" + service, env.path("DB_PASSWORD").asText(), service);
                assertEquals("change-me-rabbitmq-" + service, env.path("RABBITMQ_PASSWORD").asText(), service);
                assertEquals("service_completed_successfully",
                        services.path(service).path("depends_on").path("database-roles").path("condition").asText(),
                        service + " must wait for its database role");
            }
            JsonNode roles = services.path("database-roles");
            assertEquals("no", roles.path("restart").asText(), "the roles' set-up runs once per up");
            assertEquals("service_healthy", roles.path("depends_on").path("postgres").path("condition").asText());
            JsonNode broker = services.path("rabbitmq");
            assertTrue(broker.path("entrypoint").toString().contains("load-definitions.sh"), broker.toString());
            assertFalse(broker.path("command").isMissingNode(), "the image's own entrypoint, run after the definitions");
        }
    }
}
