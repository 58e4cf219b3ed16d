package org.openvtn.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one strict Jackson YAML setup of OpenVTN's hand-written files (the {@code openvtn serve} configuration,
 * docs/configuration.md, and the conformance target file, conformance-tests/README.md): records bound with no
 * polymorphic typing, no coercion between types, unknown keys, duplicate keys, aliases and a second document refused.
 * Every failure is a {@link Failure} naming the key path ({@code oadr.push.concurrency}, {@code capabilities[1]}),
 * the line and the problem, which each file's reader prefixes with the file name: one line for the operator.
 *
 * <p>Single values ({@code String}) are taken as written ({@code vtnId: 7} is the text 7); a list of single values
 * ({@code List<String>}) must be a YAML list; the records named as sections must be mappings, and a section written
 * with no value ({@code admin:}) is that record with every key absent. Further scalar types are added with
 * {@link Builder#scalar}, usually a {@link Scalar}.
 */
public final class StrictYaml {

    /** A bad document: the key path ({@code (file)} for the whole document), its line (0: unknown), the problem. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final int line;
        private final String problem;

        Failure(String key, int line, String problem) {
            super(problem + (line > 0 ? " (line " + line + ")" : ""));
            this.key = key;
            this.line = line;
            this.problem = problem;
        }

        /** @return the key path, e.g. {@code admin.tokenFile} or {@code capabilities[1]}; {@code (file)} */
        public String key() {
            return key;
        }

        /** @return the 1-based line of the problem, 0 when unknown */
        public int line() {
            return line;
        }

        /** @return what is wrong, without the line */
        public String problem() {
            return problem;
        }
    }

    /** The message of a value check; Jackson adds the key path as it unwinds, {@code suffix} ends it ({@code [2]}). */
    public static final class BadValue extends JsonMappingException {
        private static final long serialVersionUID = 1L;
        private final String suffix;

        public BadValue(JsonParser p, String message) {
            this(p, message, "");
        }

        BadValue(JsonParser p, String message, String suffix) {
            super(p, message);
            this.suffix = suffix;
        }
    }

    private final ObjectMapper mapper;
    private final Set<Class<?>> sections;

    private StrictYaml(Builder b) {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(10);
        SimpleModule scalars = new SimpleModule("strict-yaml-scalars");
        scalars.addDeserializer(String.class, new StringValue());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<List<String>> list = (Class) List.class;
        scalars.addDeserializer(list, new StringList(b.listExample, b.listMayBeEmpty));
        b.scalars.forEach((type, d) -> add(scalars, type, d));
        this.sections = Set.copyOf(b.sections);
        SimpleModule sectionModule = new SimpleModule("strict-yaml-sections");
        sectionModule.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = desc.getBeanClass();
                return sections.contains(type) ? new Section(deserializer, type) : deserializer;
            }
        });
        this.mapper = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(opts)
                        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(scalars)
                .addModule(sectionModule)
                .build();
    }

    @SuppressWarnings("unchecked")
    private static <T> void add(SimpleModule m, Class<?> type, JsonDeserializer<?> d) {
        m.addDeserializer((Class<T>) type, (JsonDeserializer<? extends T>) d);
    }

    /** @return a builder; {@code sections} are the records that must be mappings (the root record among them) */
    public static Builder builder(Set<Class<?>> sections) {
        return new Builder(sections);
    }

    /** Options of a {@link StrictYaml}. */
    public static final class Builder {
        private final Set<Class<?>> sections;
        private final Map<Class<?>, JsonDeserializer<?>> scalars = new java.util.LinkedHashMap<>();
        private String listExample = "[a, b]";
        private boolean listMayBeEmpty;

        private Builder(Set<Class<?>> sections) {
            this.sections = sections;
        }

        /** Reads values of {@code type} with {@code reader} (e.g. a {@link Scalar}). */
        public <T> Builder scalar(Class<T> type, JsonDeserializer<T> reader) {
            scalars.put(type, reader);
            return this;
        }

        /** The example in "must be a list, e.g. ..." */
        public Builder listExample(String example) {
            this.listExample = example;
            return this;
        }

        /** A list key written with no value ({@code capabilities:}) reads as absent instead of being refused. */
        public Builder listMayBeEmpty() {
            this.listMayBeEmpty = true;
            return this;
        }

        public StrictYaml build() {
            return new StrictYaml(this);
        }
    }

    /**
     * Reads one document onto {@code type}; an empty document is {@code empty}.
     *
     * @throws Failure naming the key, line and problem
     * @throws IOException when {@code in} cannot be read
     */
    public <T> T read(InputStream in, Class<T> type, T empty) throws Failure, IOException {
        byte[] doc = in.readAllBytes();
        try (JsonParser p = mapper.createParser(doc)) {
            if (p.nextToken() == null) {
                return empty;
            }
            T value = mapper.readValue(p, type);
            return value == null ? empty : value;
        } catch (BadValue e) {
            throw new Failure(path(e, null) + e.suffix, line(e), e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            String key = path(e, e.getPropertyName());
            throw unknown(key, lineOf(doc, key), e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            syntax(e);
            if (e.getTargetType() != null && (sections.contains(e.getTargetType())
                    || Map.class.isAssignableFrom(e.getTargetType()))) {
                throw new Failure(path(e, null), line(e), "must be a mapping of keys to values");
            }
            throw new Failure(path(e, null), line(e), "not valid here: " + oneLine(e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            syntax(e);
            throw new Failure(path(e, null), line(e), "not valid here: " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new Failure("(file)", line(e), "not valid YAML: " + oneLine(e.getOriginalMessage()));
        }
    }

    /**
     * The line of the key {@code a.b} in {@code doc} (0 when not found): Jackson reports an unknown key of a record
     * only after the whole mapping was read, so its own location is the mapping's end.
     */
    private int lineOf(byte[] doc, String key) {
        try (JsonParser p = mapper.getFactory().createParser(doc)) {
            List<String> names = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT) {
                    names.add(null);
                } else if (t == JsonToken.END_OBJECT && !names.isEmpty()) {
                    names.remove(names.size() - 1);
                } else if (t == JsonToken.FIELD_NAME && !names.isEmpty()) {
                    names.set(names.size() - 1, p.currentName());
                    if (String.join(".", names).equals(key)) {
                        return Math.max(0, p.currentTokenLocation().getLineNr());
                    }
                } else if (t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the document's own error is reported instead
        }
        return 0;
    }

    private static Failure unknown(String key, int line, java.util.Collection<?> known) {
        String prefix = key.contains(".") ? key.substring(0, key.lastIndexOf('.') + 1) : "";
        return new Failure(key, line, "unknown key; known keys here: " + known.stream().map(k -> prefix + k).sorted()
                .toList());
    }

    /** A syntax error met while a value was being read (Jackson wraps it with the key path): the file is not YAML. */
    private static void syntax(JsonMappingException e) throws Failure {
        if (e.getCause() instanceof StreamReadException r) {
            throw new Failure("(file)", line(r), "not valid YAML: " + oneLine(r.getOriginalMessage()));
        }
    }

    private static int line(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null ? 0 : Math.max(0, l.getLineNr());
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replace('\n', ' ');
    }

    /** {@code a.b.c} from Jackson's reference chain, with {@code last} appended when the chain stops short of it. */
    private static String path(JsonMappingException e, String last) {
        List<String> keys = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                keys.add(r.getFieldName());
            } else if (!keys.isEmpty()) {
                keys.set(keys.size() - 1, keys.get(keys.size() - 1) + "[" + r.getIndex() + "]");
            } else {
                keys.add("[" + r.getIndex() + "]");
            }
        }
        if (last != null && (keys.isEmpty() || !keys.get(keys.size() - 1).equals(last))) {
            keys.add(last);
        }
        return keys.isEmpty() ? "(file)" : String.join(".", keys);
    }

    /** @return whether the current token is a single value (not a structure, null or embedded object) */
    public static boolean scalar(JsonParser p) {
        JsonToken t = p.currentToken();
        return t != null && t.isScalarValue() && t != JsonToken.VALUE_EMBEDDED_OBJECT && t != JsonToken.VALUE_NULL;
    }

    private static void noAlias(JsonParser p) throws BadValue {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new BadValue(p, "aliases (*name) are not supported in this file; write the value out");
        }
    }

    /**
     * A typed single value: an explicit null is refused, an absent key stays null, anything {@link #parse} does not
     * accept is refused as "{@code expected}, was '...'" with the value as written.
     */
    public abstract static class Scalar<T> extends JsonDeserializer<T> {
        private final String expected;
        private final String nullMessage;

        /**
         * @param expected    e.g. "must be a whole number"
         * @param nullMessage the message for a key written with no value
         */
        protected Scalar(String expected, String nullMessage) {
            this.expected = expected;
            this.nullMessage = nullMessage;
        }

        /** @return the value, or null when the current token is not one */
        protected abstract T parse(JsonParser p) throws IOException;

        @Override
        public final T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            T value = parse(p);
            if (value != null) {
                return value;
            }
            String shown = scalar(p) ? p.getText() : String.valueOf(ctxt.readTree(p));
            throw new BadValue(p, expected + ", was '" + shown + "'");
        }

        @Override
        public final T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            throw new BadValue(ctxt.getParser(), nullMessage);
        }

        @Override
        public final Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** Any single value, as written; null and structures are refused. */
    private static final class StringValue extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            if (!scalar(p)) {
                p.skipChildren();
                throw new BadValue(p, "must be a single value");
            }
            return p.getText();
        }

        @Override
        public String getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            throw new BadValue(ctxt.getParser(), "must be a single value");
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** A YAML list of single values; written with no value: refused, or absent with {@link Builder#listMayBeEmpty}. */
    private static final class StringList extends JsonDeserializer<List<String>> {
        private final String example;
        private final boolean mayBeEmpty;

        StringList(String example, boolean mayBeEmpty) {
            this.example = example;
            this.mayBeEmpty = mayBeEmpty;
        }

        @Override
        public List<String> getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            if (mayBeEmpty) {
                return null;
            }
            throw new BadValue(ctxt.getParser(), "must be a list, e.g. " + example);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }

        @Override
        public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                throw new BadValue(p, "must be a list, e.g. " + example);
            }
            List<String> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                noAlias(p);
                if (!scalar(p)) {
                    p.skipChildren();
                    throw new BadValue(p, "must be a single value", "[" + out.size() + "]");
                }
                out.add(p.getText());
            }
            return List.copyOf(out);
        }
    }

    /** A section record: must be a mapping; written with no value it is the record with every key absent. */
    private static final class Section extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final Class<?> type;

        Section(JsonDeserializer<?> delegatee, Class<?> type) {
            super(delegatee);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Section(newDelegatee, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            JsonToken t = p.currentToken();
            if (t != JsonToken.START_OBJECT && t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
                p.skipChildren();
                throw new BadValue(p, "must be a mapping of keys to values");
            }
            return super.deserialize(p, ctxt);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            try {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                }
                var constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(new Object[components.length]);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("section " + type.getSimpleName() + " is not a record", e);
            }
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
