package dev.obsaga.orders.api;

import java.math.BigDecimal;
import java.util.UUID;

public record OrderAccepted(UUID id, String status, BigDecimal total, String currency) {
}
