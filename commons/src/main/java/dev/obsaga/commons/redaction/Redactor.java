package dev.obsaga.commons.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what personal data looks like in text that leaves the process (logs, problem
 * details): card numbers keep their last four digits, e-mail addresses keep their first letter and domain.
 */
public final class Redactor {

    // 13-19 digits, optionally grouped by single spaces or dashes, not part of a longer word: a UUID's or a
    // trace id's digit runs touch '-' or hex letters and are left alone.
    private static final Pattern CARD = Pattern.compile("(?<![\\w-])(?:\\d[ -]?){12,18}\\d(?![\\w-])");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return maskEmails(maskCards(text));
    }

    public static String maskEmail(String email) {
        return email == null ? null : maskEmails(email);
    }

    /** What is left of a card number in any output: its last four digits. */
    public static String last4(String cardNumber) {
        String digits = cardNumber.replaceAll("\\D", "");
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }

    static String maskCards(String text) {
        Matcher m = CARD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "");
            String replacement = luhnValid(digits) ? "****" + digits.substring(digits.length() - 4) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String maskEmails(String text) {
        return EMAIL.matcher(text).replaceAll("$1***@$2");
    }

    public static boolean luhnValid(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return !digits.isEmpty() && sum % 10 == 0;
    }
}
