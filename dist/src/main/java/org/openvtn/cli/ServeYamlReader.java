package org.openvtn.cli;

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
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Binds the {@code openvtn serve} YAML onto the {@link ServeYaml} records with Jackson, strictly: no polymorphic
 * typing, no coercion between types, unknown keys refused, one document only, duplicate keys and aliases refused.
 * Every failure becomes a {@link Failure} naming the key path ({@code oadr.push.concurrency}) and the problem in
 * the words {@code docs/configuration.md} uses.
 */
final class ServeYamlReader {

    /** A bad document: the key path ({@code (file)} for the whole document) and what is wrong. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;

        Failure(String key, String message) {
            super(message);
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    /** The message of one of our scalar checks; Jackson adds the path as it unwinds. */
    private static final class BadValue extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        BadValue(JsonParser p, String message) {
            super(p, message);
        }
    }

    private final ObjectMapper mapper;

    ServeYamlReader() {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(10);
        YAMLMapper.Builder b = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(opts)
                        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        SimpleModule scalars = new SimpleModule("serve-yaml-scalars");
        scalars.addDeserializer(String.class, new StringValue());
        scalars.addDeserializer(Integer.class, new IntValue());
        scalars.addDeserializer(Long.class, new LongValue());
        scalars.addDeserializer(Boolean.class, new BoolValue());
        scalars.addDeserializer(Duration.class, new DurationValue());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<List<String>> list = (Class) List.class;
        scalars.addDeserializer(list, new StringList());
        b.addModule(scalars);
        // a section written with no value ("admin:") is the section with all its defaults, as before
        SimpleModule sections = new SimpleModule("serve-yaml-sections");
        sections.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = desc.getBeanClass();
                return ServeYaml.SECTIONS.contains(type) ? new Section(deserializer, type) : deserializer;
            }
        });
        b.addModule(sections);
        this.mapper = b.build();
    }

    /** Reads one document; an empty document is an empty root. */
    ServeYaml.Root read(InputStream in) throws Failure, IOException {
        try (JsonParser p = mapper.createParser(in)) {
            if (p.nextToken() == null) {
                return ServeYaml.Root.EMPTY;
            }
            ServeYaml.Root root = mapper.readValue(p, ServeYaml.Root.class);
            return root == null ? ServeYaml.Root.EMPTY : root;
        } catch (BadValue e) {
            throw new Failure(path(e, null), e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            String key = path(e, e.getPropertyName());
            String prefix = key.contains(".") ? key.substring(0, key.lastIndexOf('.') + 1) : "";
            throw new Failure(key, "unknown key; known keys here: " + e.getKnownPropertyIds().stream()
                    .map(k -> prefix + k).sorted().toList());
        } catch (MismatchedInputException e) {
            syntax(e);
            if (e.getTargetType() != null && ServeYaml.SECTIONS.contains(e.getTargetType())) {
                throw new Failure(path(e, null), "must be a mapping of keys to values");
            }
            throw new Failure(path(e, null), "not valid here: " + oneLine(e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            syntax(e);
            throw new Failure(path(e, null), "not valid here: " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new Failure("(file)", "not valid YAML: " + oneLine(e.getOriginalMessage()));
        }
    }

    /** A syntax error met while a value was being read (Jackson wraps it with the key path): the file is not YAML. */
    private static void syntax(JsonMappingException e) throws Failure {
        if (e.getCause() instanceof StreamReadException r) {
            throw new Failure("(file)", "not valid YAML: " + oneLine(r.getOriginalMessage()));
        }
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replace('\n', ' ');
    }

    /** {@code a.b.c} from Jackson's reference chain, with {@code last} appended when the chain stops short of it. */
    private static String path(JsonMappingException e, String last) {
        List<String> keys = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            keys.add(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        if (last != null && (keys.isEmpty() || !keys.get(keys.size() - 1).equals(last))) {
            keys.add(last);
        }
        return keys.isEmpty() ? "(file)" : String.join(".", keys);
    }

    private static boolean scalar(JsonParser p) {
        JsonToken t = p.currentToken();
        return t != null && t.isScalarValue() && t != JsonToken.VALUE_EMBEDDED_OBJECT && t != JsonToken.VALUE_NULL;
    }

    /** The value as the operator wrote it, for "was '...'" (structures shown compactly). */
    private static String shown(JsonParser p, DeserializationContext ctxt) throws IOException {
        return scalar(p) ? p.getText() : String.valueOf(ctxt.readTree(p));
    }

    private static void noAlias(JsonParser p) throws BadValue {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new BadValue(p, "aliases (*name) are not supported in this file; write the value out");
        }
    }

    /** Base of the scalar readers: an explicit null gets our message, an absent key stays null. */
    private abstract static class Value<T> extends JsonDeserializer<T> {
        abstract String expected();

        @Override
        public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            throw new BadValue(ctxt.getParser(), nullMessage());
        }

        String nullMessage() {
            return expected() + ", was 'null'";
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }

        BadValue bad(JsonParser p, DeserializationContext ctxt) throws IOException {
            return new BadValue(p, expected() + ", was '" + shown(p, ctxt) + "'");
        }
    }

    /** Any single value, as written ({@code vtnId: 7} is the text 7). */
    private static final class StringValue extends Value<String> {
        @Override
        String expected() {
            return "must be a single value";
        }

        @Override
        String nullMessage() {
            return expected();
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            if (!scalar(p)) {
                p.skipChildren();
                throw new BadValue(p, expected());
            }
            return p.getText();
        }
    }

    private static final class IntValue extends Value<Integer> {
        @Override
        String expected() {
            return "must be a whole number";
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            throw bad(p, ctxt);
        }
    }

    private static final class LongValue extends Value<Long> {
        @Override
        String expected() {
            return "must be a whole number";
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            throw bad(p, ctxt);
        }
    }

    private static final class BoolValue extends Value<Boolean> {
        private static final Set<String> YAML11_TRUE = Set.of("yes", "Yes", "YES", "on", "On", "ON");
        private static final Set<String> YAML11_FALSE = Set.of("no", "No", "NO", "off", "Off", "OFF");

        @Override
        String expected() {
            return "must be true or false";
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            // the YAML 1.1 words the earlier reader took as switches keep their meaning
            if (t == JsonToken.VALUE_STRING && YAML11_TRUE.contains(p.getText())) {
                return true;
            }
            if (t == JsonToken.VALUE_STRING && YAML11_FALSE.contains(p.getText())) {
                return false;
            }
            throw bad(p, ctxt);
        }
    }

    private static final class DurationValue extends Value<Duration> {
        @Override
        String expected() {
            return "must be an ISO-8601 duration such as PT10S";
        }

        @Override
        String nullMessage() {
            return "must be a single value";
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            if (!scalar(p)) {
                p.skipChildren();
                throw new BadValue(p, "must be a single value");
            }
            try {
                return Duration.parse(p.getText());
            } catch (DateTimeParseException e) {
                throw bad(p, ctxt);
            }
        }
    }

    /** A YAML list of single values. */
    private static final class StringList extends Value<List<String>> {
        @Override
        String expected() {
            return "must be a list, e.g. [\"10.20.0.0/16\", \"ems.example\"]";
        }

        @Override
        String nullMessage() {
            return expected();
        }

        @Override
        public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            noAlias(p);
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                throw new BadValue(p, expected());
            }
            List<String> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                noAlias(p);
                if (!scalar(p)) {
                    throw new BadValue(p, "entries must be single values");
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
