package dev.obsaga.contracts.events;

/** What is left of a card once orders accepted it: never the number, only a token and the last four digits. */
public record CardReference(String token, String last4, int expiryMonth, int expiryYear) {
}
