package dev.obsaga.commons.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.FactoryConfigurationError;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The change sets a service's changelog holds, read without Liquibase: the master file's {@code <include>}s, and in
 * each formatted-SQL file its {@code --changeset author:id} lines. Anything else (another form of changelog, an
 * {@code <includeAll>}, a file that cannot be read) makes the list unknown, and the caller then lets Liquibase
 * decide.
 */
public final class ChangelogContents {

    /** One change set as Liquibase records it in {@code databasechangelog}. */
    public record ChangeSet(String id, String author, String file) {
    }

    /** Any line Liquibase may take for a change set ... */
    private static final Pattern ANY_CHANGESET = Pattern.compile("^--\\s*changeset\\b", Pattern.CASE_INSENSITIVE);
    /** ... and the plain form this reader understands: a line of the first kind in another form makes it unknown. */
    private static final Pattern CHANGESET = Pattern.compile("^--\\s*changeset\\s+([^:\\s\"]+):([^\\s\"]+)",
            Pattern.CASE_INSENSITIVE);

    private ChangelogContents() {
    }

    /** The change sets of {@code changelog} (a class-path resource), or an empty set when they cannot be known. */
    public static Set<ChangeSet> of(ClassLoader loader, String changelog) {
        Set<ChangeSet> changeSets = new LinkedHashSet<>();
        try (InputStream master = loader.getResourceAsStream(changelog)) {
            if (master == null) {
                return Set.of();
            }
            for (String file : includes(master)) {
                if (!file.endsWith(".sql") || !readSql(loader, file, changeSets)) {
                    return Set.of();
                }
            }
        } catch (IOException | XMLStreamException | FactoryConfigurationError e) {
            // FactoryConfigurationError: no StAX parser (a native image built without one): Liquibase decides
            return Set.of();
        }
        return changeSets;
    }

    private static Set<String> includes(InputStream master) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader xml = factory.createXMLStreamReader(master);
        Set<String> files = new LinkedHashSet<>();
        try {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String element = xml.getLocalName();
                if (element.equals("include")) {
                    files.add(xml.getAttributeValue(null, "file"));
                } else if (!element.equals("databaseChangeLog")) {
                    files.add("(" + element + ")"); // not a plain list of includes: unknown
                }
            }
        } finally {
            xml.close();
        }
        return files;
    }

    private static boolean readSql(ClassLoader loader, String file, Set<ChangeSet> changeSets) throws IOException {
        try (InputStream sql = loader.getResourceAsStream(file)) {
            if (sql == null) {
                return false;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(sql, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!ANY_CHANGESET.matcher(line).find()) {
                    continue;
                }
                Matcher changeSet = CHANGESET.matcher(line);
                if (!changeSet.find()) {
                    return false;
                }
                changeSets.add(new ChangeSet(changeSet.group(2), changeSet.group(1), file));
            }
        }
        return true;
    }
}
