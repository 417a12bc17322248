package dev.obsaga.orders.client;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.obsaga.commons.redaction.Redactor;
import dev.obsaga.contracts.events.CardReference;

/**
 * Stands in for a card vault (a PCI-scoped tokenisation service): the number is exchanged for an opaque token
 * at the edge and never stored, logged or sent on. Here the token is random and the number is simply dropped.
 */
@ApplicationScoped
public class CardVault {

    public CardReference tokenize(String number, int expiryMonth, int expiryYear) {
        return new CardReference("tok_" + UUID.randomUUID().toString().replace("-", ""), Redactor.last4(number),
                expiryMonth, expiryYear);
    }
}
