package dev.obsaga.orders.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.YearMonth;
import java.time.ZoneOffset;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A card is valid through the last day of its expiry month (UTC). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotExpired.Validator.class)
public @interface NotExpired {
    String message() default "the card has expired";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotExpired, PlaceOrderRequest.Card> {
        @Override
        public boolean isValid(PlaceOrderRequest.Card card, ConstraintValidatorContext context) {
            if (card == null || card.expiryMonth() == null || card.expiryYear() == null
                    || card.expiryMonth() < 1 || card.expiryMonth() > 12) {
                return true;
            }
            boolean valid = !YearMonth.of(card.expiryYear(), card.expiryMonth()).isBefore(YearMonth.now(ZoneOffset.UTC));
            if (!valid) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("expiryYear").addConstraintViolation();
            }
            return valid;
        }
    }
}
