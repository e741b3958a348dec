package io.battleroyale.sources.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.battleroyale.model.bounds.Symbols;
import io.battleroyale.model.bounds.Texts;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The event map ({@code markets.yaml}): which event keys belong to which group, and which symbols a
 * group moves with what signed sensitivity. Immutable and serializable, so a Flink function can
 * carry it.
 *
 * <p>Schema, version 1:
 *
 * <pre>{@code
 * version: 1                        # required; only 1 is supported
 * groups:                           # required; file order decides which group wins
 *   fed_hike:                       # group name: letters, digits, '_' and '-'
 *     description: "..."            # optional
 *     match: ["fed_hike", "FOMC-*:hike*"]   # required, non-empty; '*' = any characters
 *     symbols: {SPY: -1.0, TLT: -1.0}       # required, non-empty; exact symbols, finite numbers
 * signal_only: [VIX]                # optional; symbols that are signals, not instruments
 * }</pre>
 *
 * An event key belongs to the first group, in file order, with a pattern matching the whole key
 * (case sensitive). Unknown keys, duplicates and bad values are load errors naming the file, the
 * group and the field: a typo in the map would otherwise silently disconnect an event from its
 * symbols.
 *
 * <p>A {@code signal_only} symbol is read like any other (its bars reach the agents, who decide on
 * them), but no agent ever holds a position in it: an index such as VIX is a measure nobody can
 * buy.
 */
public final class EventMap implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The bundled default map's classpath resource. */
    public static final String DEFAULT_RESOURCE = "markets.yaml";

    private static final Set<String> TOP_KEYS = Set.of("version", "groups", "signal_only");
    private static final Set<String> GROUP_KEYS = Set.of("description", "match", "symbols");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern KEY_PATTERN = Pattern.compile("[A-Za-z0-9_.:+*-]+");
    private static final int NO_GROUP = -1;
    // event keys are per meeting / per market, so this bound is never reached in practice; it
    // keeps a stream of garbage keys from growing memory without limit
    private static final int CACHE_LIMIT = 100_000;

    private final String origin;
    private final List<Group> groups;
    private final List<String> signalOnly;
    private transient volatile Map<String, Integer> cache;

    private EventMap(String origin, List<Group> groups, List<String> signalOnly) {
        this.origin = origin;
        this.groups = List.copyOf(groups);
        this.signalOnly = List.copyOf(signalOnly);
    }

    /** Loads and validates a map from a file. */
    public static EventMap load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EventMapException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(yaml, file.toString());
    }

    /** The bundled {@code markets.yaml}. */
    public static EventMap loadDefault() {
        try (InputStream in =
                EventMap.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new EventMapException("classpath:" + DEFAULT_RESOURCE + ": not found");
            }
            return parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new EventMapException("classpath:" + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and validates YAML text.
     *
     * @param origin names the source in error messages
     */
    public static EventMap parse(String yaml, String origin) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (StreamReadException e) {
            throw new EventMapException(origin + ": " + describe(e), e);
        } catch (IOException e) {
            throw new EventMapException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new EventMapException(
                    origin + ": expected a mapping with 'version' and 'groups'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key)) {
                throw new EventMapException(
                        origin
                                + ": unknown top-level key '"
                                + key
                                + "' (allowed: version, groups, signal_only)");
            }
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != 1) {
            throw new EventMapException(
                    origin
                            + ": version: unsupported version "
                            + (version == null ? "(missing)" : "'" + version.asText() + "'")
                            + ", expected 1");
        }
        JsonNode groupsNode = root.get("groups");
        if (groupsNode == null || !groupsNode.isObject() || groupsNode.isEmpty()) {
            throw new EventMapException(origin + ": groups: required, a non-empty mapping");
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : groupsNode.properties()) {
            groups.add(group(origin, entry.getKey(), entry.getValue()));
        }
        return new EventMap(origin, groups, signalOnly(origin, root.get("signal_only")));
    }

    private static List<String> signalOnly(String origin, @Nullable JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new EventMapException(origin + ": signal_only: expected a list of symbols");
        }
        Set<String> symbols = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            String symbol;
            try {
                symbol = s.isTextual() ? Symbols.normalize("symbol", s.asText()) : null;
            } catch (IllegalArgumentException e) {
                symbol = null;
            }
            if (symbol == null) {
                throw new EventMapException(
                        origin
                                + ": signal_only["
                                + i
                                + "]: bad symbol '"
                                + Texts.clip(s.asText())
                                + "' (exact symbols, no patterns)");
            }
            if (!symbols.add(symbol)) {
                throw new EventMapException(
                        origin + ": signal_only: " + symbol + " is listed twice (in any spelling)");
            }
        }
        return List.copyOf(symbols);
    }

    private static Group group(String origin, String name, JsonNode node) {
        String where = origin + ": group '" + name + "'";
        if (!GROUP_NAME.matcher(name).matches()) {
            throw new EventMapException(where + ": bad group name (letters, digits, '_', '-')");
        }
        if (!node.isObject()) {
            throw new EventMapException(where + ": expected a mapping with 'match' and 'symbols'");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!GROUP_KEYS.contains(key)) {
                throw new EventMapException(
                        where
                                + ": unknown key '"
                                + key
                                + "' (allowed: description, match, symbols)");
            }
        }
        JsonNode match = node.get("match");
        if (match == null || !match.isArray() || match.isEmpty()) {
            throw new EventMapException(where + ": match: required, a non-empty list of patterns");
        }
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < match.size(); i++) {
            JsonNode p = match.get(i);
            if (!p.isTextual() || !KEY_PATTERN.matcher(p.asText()).matches()) {
                throw new EventMapException(
                        where
                                + ": match["
                                + i
                                + "]: bad pattern '"
                                + p.asText()
                                + "' (letters, digits, '_', '.', ':', '+', '-' and the wildcard '*')");
            }
            patterns.add(p.asText());
        }
        JsonNode symbols = node.get("symbols");
        if (symbols == null || !symbols.isObject() || symbols.isEmpty()) {
            throw new EventMapException(
                    where + ": symbols: required, a non-empty mapping of symbol to sensitivity");
        }
        Map<String, Double> sensitivities = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> s : symbols.properties()) {
            String symbol;
            try {
                symbol = Symbols.normalize("symbol", s.getKey());
            } catch (IllegalArgumentException e) {
                throw new EventMapException(
                        where
                                + ": symbols: bad symbol '"
                                + Texts.clip(s.getKey())
                                + "' (exact symbols, no patterns)");
            }
            JsonNode v = s.getValue();
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new EventMapException(
                        where
                                + ": symbols."
                                + s.getKey()
                                + ": sensitivity must be a finite number, got '"
                                + v.asText()
                                + "'");
            }
            if (sensitivities.put(symbol, v.doubleValue()) != null) {
                throw new EventMapException(
                        where + ": symbols: " + symbol + " is listed twice (in any spelling)");
            }
        }
        return new Group(name, patterns, sensitivities);
    }

    private static String describe(StreamReadException e) {
        String message = e.getOriginalMessage();
        String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
        if (message != null && message.startsWith("Duplicate field")) {
            String key = message.substring(message.indexOf('\'') + 1, message.lastIndexOf('\''));
            // the parser stands inside the object holding the duplicate; its parent names it
            JsonStreamContext ctx =
                    e.getProcessor() == null ? null : e.getProcessor().getParsingContext();
            List<String> path = new ArrayList<>();
            for (JsonStreamContext c = ctx == null ? null : ctx.getParent();
                    c != null;
                    c = c.getParent()) {
                if (c.getCurrentName() != null) {
                    path.add(0, c.getCurrentName());
                }
            }
            if (path.equals(List.of("groups"))) {
                return line + "duplicate group '" + key + "'";
            }
            return line
                    + "duplicate key '"
                    + key
                    + "'"
                    + (path.isEmpty() ? "" : " in " + String.join(".", path));
        }
        return line + "not valid YAML: " + message;
    }

    /** Where the map was loaded from. */
    public String origin() {
        return origin;
    }

    /** The groups in file order. */
    public List<Group> groups() {
        return groups;
    }

    /** Every symbol any group affects, in file order. */
    public Set<String> symbols() {
        Set<String> out = new LinkedHashSet<>();
        groups.forEach(g -> out.addAll(g.symbols().keySet()));
        return out;
    }

    /** Symbols that are signals, not instruments: agents never hold positions in them. */
    public Set<String> signalOnly() {
        return Set.copyOf(signalOnly);
    }

    /** The group with this name, or {@code null}. */
    @Nullable
    public Group group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    /** The first group (file order) with a pattern matching the whole key, or {@code null}. */
    @Nullable
    public Group match(String eventKey) {
        Map<String, Integer> c = cache();
        Integer index = c.get(eventKey);
        if (index == null) {
            index = NO_GROUP;
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i).matches(eventKey)) {
                    index = i;
                    break;
                }
            }
            if (c.size() < CACHE_LIMIT) {
                c.put(eventKey, index);
            }
        }
        return index == NO_GROUP ? null : groups.get(index);
    }

    /** The symbols an event key moves, with the group's signs; empty when no group matches. */
    public List<Exposure> exposures(String eventKey) {
        Group group = match(eventKey);
        return group == null ? List.of() : group.exposures();
    }

    private Map<String, Integer> cache() {
        Map<String, Integer> c = cache;
        if (c == null) {
            // transient: rebuilt lazily after deserialization; a race only builds it twice
            c = new ConcurrentHashMap<>();
            cache = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "EventMap[" + origin + ", groups=" + groups.stream().map(Group::name).toList() + "]";
    }
}
