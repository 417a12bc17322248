package dev.obsaga.commons.persistence;

/** Schema names go into SQL as identifiers, not parameters: only plain lower-case ones are accepted. */
final class SchemaNames {

    private SchemaNames() {
    }

    static String checked(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Schema name must be a lower-case SQL identifier: " + identifier);
        }
        return identifier;
    }
}
