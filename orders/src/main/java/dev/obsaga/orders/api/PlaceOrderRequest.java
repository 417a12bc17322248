package dev.obsaga.orders.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.hibernate.validator.constraints.LuhnCheck;

/** The limits here are the API's documented contract (README, "Orders API"). */
public record PlaceOrderRequest(
        @NotNull UUID customerId,
        @NotNull @Pattern(regexp = "EUR|USD|GBP|CHF", message = "must be one of EUR, USD, GBP, CHF") String currency,
        @NotNull @NotEmpty @Size(max = MAX_ITEMS, message = "must hold between 1 and " + MAX_ITEMS + " items")
        List<@NotNull @Valid Item> items,
        @NotNull @Valid Card card) {

    public static final int MAX_ITEMS = 100;
    public static final int MAX_QUANTITY = 1000;

    public record Item(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold only letters, digits, '.', '_' and '-'") String sku,
            @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
            @NotNull @DecimalMin(value = "0.01") @DecimalMax(value = "1000000.00")
            @Digits(integer = 7, fraction = 2, message = "must have at most 2 decimals") BigDecimal unitPrice) {
    }

    @NotExpired
    public record Card(
            @NotBlank @Pattern(regexp = "[0-9]{4}( ?[0-9]{3,4}){2,3}( ?[0-9]{1,4})?|[0-9]{12,19}", message = "must be 12 to 19 digits")
            @LuhnCheck(ignoreNonDigitCharacters = true, message = "is not a valid card number") String number,
            @NotNull @Min(1) @Max(12) Integer expiryMonth,
            @NotNull @Min(2000) @Max(2100) Integer expiryYear) {
    }
}
