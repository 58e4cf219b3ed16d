package org.openvtn.conformance.target;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The target file as written (format in conformance-tests/README.md), bound with Jackson strictly: every value a
 * single value as written, unknown keys refused, no polymorphic typing, no coercion, one document, no duplicate
 * keys, no aliases. {@link TargetFile#parse} resolves paths and durations. Adding a key: a component here, its
 * line in TargetFile, and the README.
 *
 * @param baseUrl      target URL
 * @param certificate  client certificate chain (path as written)
 * @param key          client private key (path as written)
 * @param ca           CA certificate(s) (path as written)
 * @param pki          PKI directory (path as written)
 * @param capabilities declared capabilities
 * @param admin        the operator API
 * @param patience     how long to wait for the target to act on its own (as written: PT10S, 10s, 500ms)
 * @param properties   free suite-specific settings
 */
record TargetYaml(String baseUrl, String certificate, String key, String ca, String pki, List<String> capabilities,
                  Admin admin, String patience, Map<String, String> properties) {

    static final TargetYaml EMPTY = new TargetYaml(null, null, null, null, null, null, null, null, null);

    /** {@code admin}: {@code url}, {@code token} or {@code tokenFile}. */
    record Admin(String url, String token, String tokenFile) {
    }

    private static final Set<Class<?>> MAPPINGS = Set.of(TargetYaml.class, Admin.class);

    /** Our own check's message; Jackson adds the key path as it unwinds, {@code suffix} ends it (a list index). */
    private static final class BadValue extends JsonMappingException {
        private static final long serialVersionUID = 1L;
        private final String suffix;

        BadValue(JsonParser p, String message, String suffix) {
            super(p, message);
            this.suffix = suffix;
        }
    }

    private static ObjectMapper mapper() {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setMaxAliasesForCollections(10);
        SimpleModule scalars = new SimpleModule("target-yaml-scalars");
        scalars.addDeserializer(String.class, new StringValue());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<List<String>> list = (Class) List.class;
        scalars.addDeserializer(list, new StringList());
        return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(opts)
                        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(scalars)
                .build();
    }

    /** Reads one document; an empty document has no values. */
    static TargetYaml read(String yaml, String source) {
        ObjectMapper mapper = mapper();
        try (JsonParser p = mapper.createParser(yaml)) {
            if (p.nextToken() == null) {
                return EMPTY;
            }
            TargetYaml doc = mapper.readValue(p, TargetYaml.class);
            return doc == null ? EMPTY : doc;
        } catch (BadValue e) {
            throw new TargetFileException(source, path(e, null) + e.suffix, e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            String key = path(e, e.getPropertyName());
            String prefix = key.contains(".") ? key.substring(0, key.lastIndexOf('.') + 1) : "";
            throw new TargetFileException(source, key, "unknown key; known keys here: "
                    + e.getKnownPropertyIds().stream().map(k -> prefix + k).sorted().toList());
        } catch (MismatchedInputException e) {
            syntax(e, source);
            if (e.getTargetType() != null && (MAPPINGS.contains(e.getTargetType())
                    || Map.class.isAssignableFrom(e.getTargetType()))) {
                throw new TargetFileException(source, path(e, null), "must be a mapping of keys to values");
            }
            throw new TargetFileException(source, path(e, null), "not valid here: " + oneLine(e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            syntax(e, source);
            throw new TargetFileException(source, path(e, null), "not valid here: " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new TargetFileException(source, "(file)", "not valid YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new TargetFileException(source, "(file)", "cannot read: " + e.getMessage());
        }
    }

    /** A syntax error met while a value was being read (Jackson wraps it with the key path): the file is not YAML. */
    private static void syntax(JsonMappingException e, String source) {
        if (e.getCause() instanceof StreamReadException r) {
            throw new TargetFileException(source, "(file)", "not valid YAML: " + oneLine(r.getOriginalMessage()));
        }
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replace('\n', ' ');
    }

    /** {@code a.b} from Jackson's reference chain, with {@code last} appended when the chain stops short of it. */
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
        return t != null && t.isScalarValue() && t != JsonToken.VALUE_EMBEDDED_OBJECT && t != JsonToken.VALUE_NULL
                && !(p instanceof YAMLParser y && y.isCurrentAlias());
    }

    /** Any single value, as written ({@code venCount: 2} is the text 2); null and structures are refused. */
    private static final class StringValue extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!scalar(p)) {
                p.skipChildren();
                throw new BadValue(p, "must be a single value", "");
            }
            return p.getText();
        }

        @Override
        public String getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            throw new BadValue(ctxt.getParser(), "must be a single value", "");
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** A list of single values; written with no value it is an empty list. */
    private static final class StringList extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                throw new BadValue(p, "must be a list, e.g. [push, xmlSignature]", "");
            }
            List<String> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (!scalar(p)) {
                    p.skipChildren();
                    throw new BadValue(p, "must be a single value", "[" + out.size() + "]");
                }
                out.add(p.getText());
            }
            return List.copyOf(out);
        }
    }
}
