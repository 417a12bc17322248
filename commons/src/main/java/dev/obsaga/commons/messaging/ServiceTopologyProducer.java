package dev.obsaga.commons.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.obsaga.contracts.topology.ServiceTopology;

/** This service's part of the topology, found by its {@code quarkus.application.name}. */
public class ServiceTopologyProducer {

    @Produces
    @Singleton
    ServiceTopology topology(@ConfigProperty(name = "quarkus.application.name") String service) {
        return ServiceTopology.of(service);
    }
}
