package dev.obsaga.commons.json;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obsaga.contracts.events.DomainEvent;

/**
 * JSON for events on the wire. Unlike the REST API (strict), events are read tolerantly: a producer may add a
 * field before every consumer knows it, which is how the contracts evolve without a lock-step release.
 */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper apiMapper) {
        this.mapper = apiMapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public String encode(DomainEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event cannot be serialised: " + event.getClass().getSimpleName(), e);
        }
    }

    public <E extends DomainEvent> E decode(byte[] body, Class<E> type) throws IOException {
        E event = mapper.readValue(body, type);
        if (event.eventId() == null) {
            throw new IOException("Event without eventId");
        }
        return event;
    }
}
