package org.openvtn.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * Loads the published schemas that the build verified (SHA-256, see {@code published-schemas.sha256}) and
 * bundled into this jar, and compiles them once. Compiling takes a moment; create one instance per
 * application and share it (it is thread-safe, and {@link Schema} objects are immutable).
 */
public final class PublishedSchemas {

    /** Class-path folder holding the bundled schema files, in the published layout. */
    public static final String RESOURCE_ROOT = "org/openvtn/schemas/published/";

    private final Map<XmlStandard, Schema> compiled = new EnumMap<>(XmlStandard.class);

    /** Creates an empty cache; each standard's schema is compiled on first use. */
    public PublishedSchemas() {
    }

    /** The compiled validation schema of a standard. */
    public synchronized Schema schema(XmlStandard standard) {
        return compiled.computeIfAbsent(standard, PublishedSchemas::compile);
    }

    /** The URL of one bundled schema file, e.g. {@code "ieee-2030.5/sep.xsd"}. */
    public static URL resource(String relativePath) {
        URL url = PublishedSchemas.class.getClassLoader().getResource(RESOURCE_ROOT + relativePath);
        if (url == null) {
            throw new IllegalStateException("published schema " + relativePath + " is not bundled in this build;"
                    + " rebuild with -Dpublished.schemas=FOLDER (see README)");
        }
        return url;
    }

    private static Schema compile(XmlStandard standard) {
        // Schemas import each other from inside this jar; nothing is ever fetched from the network.
        SchemaFactory sf = SecureXmlInput.schemaFactory();
        if (standard == XmlStandard.CSIP_AUS_13) {
            sf.setResourceResolver(new SepBesideCsipResolver());
        }
        List<Source> sources = new ArrayList<>();
        for (String rel : standard.rootSchemas()) {
            URL url = resource(rel);
            sources.add(new StreamSource(url.toExternalForm()));
        }
        try {
            return sf.newSchema(sources.toArray(Source[]::new));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile the " + standard.title() + " schema: " + e.getMessage(), e);
        }
    }

    /**
     * CSIP-AUS 1.3 refers to {@code sep.xsd} as if it lay beside it (its publisher says to copy it there);
     * the bundle keeps it in {@code ieee-2030.5/}, so this resolver serves it under the expected name. Both the
     * {@code xs:redefine} and the {@code xs:import} get the same system id, so the parser reads it once.
     */
    private static final class SepBesideCsipResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String ns, String publicId, String systemId, String baseUri) {
            if (systemId == null || !systemId.endsWith("sep.xsd") || baseUri == null || !baseUri.contains("csip-aus-1.3/")) {
                return null;
            }
            try {
                String expected = new java.net.URI(baseUri).resolve(systemId).toString();
                return new Input(expected, resource("ieee-2030.5/sep.xsd"));
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }

    private record Input(String systemId, URL url) implements LSInput {
        @Override public java.io.Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(java.io.Reader r) { }
        @Override public InputStream getByteStream() {
            try {
                return url.openStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        @Override public void setByteStream(InputStream s) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String s) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String s) { }
        @Override public String getPublicId() { return null; }
        @Override public void setPublicId(String s) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String s) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String s) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean b) { }
    }
}
