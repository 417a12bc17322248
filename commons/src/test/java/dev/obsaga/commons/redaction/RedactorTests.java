package dev.obsaga.commons.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactorTests {

    @Test
    void cardNumbersKeepOnlyTheirLastFourDigits() {
        assertEquals("paid with ****4242", Redactor.redact("paid with 4242424242424242"));
        assertEquals("card ****4444 ok", Redactor.redact("card 5555 5555 5555 4444 ok"));
        assertEquals("x ****0002", Redactor.redact("x 4000-0000-0000-0002"));
    }

    @Test
    void digitRunsThatFailLuhnAreNotCards() {
        assertEquals("order 4242424242424241", Redactor.redact("order 4242424242424241"));
        assertEquals("id 1234567890123", Redactor.redact("id 1234567890123"));
    }

    @Test
    void uuidsAndTraceIdsAreNotCards() {
        String uuid = "order 00000000-0000-4000-8000-000000000001 of trace 4bf92f3577b34da6a3ce929d0e0e4736";
        assertEquals(uuid, Redactor.redact(uuid));
    }

    @Test
    void emailAddressesKeepTheirFirstLetterAndDomain() {
        assertEquals("to a***@example.org", Redactor.redact("to ann.smith@example.org"));
        assertEquals("b***@x.io", Redactor.maskEmail("bob@x.io"));
    }

    @Test
    void luhn() {
        assertTrue(Redactor.luhnValid("4242424242424242"));
        assertTrue(Redactor.luhnValid("4000000000000002"));
        assertFalse(Redactor.luhnValid("4242424242424241"));
        assertFalse(Redactor.luhnValid("42a2"));
    }

    @Test
    void last4() {
        assertEquals("4444", Redactor.last4("5555 5555 5555 4444"));
    }
}
