package org.openvtn.schemas;

/**
 * A document was refused or could not be written. The message names the reason and, where known,
 * the line and column, so an operator can find the fault in captured traffic.
 */
public class XmlCodecException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a document was refused. Protocol adapters map these to their own error codes. */
    public enum Kind {
        /** Not well-formed XML. */
        MALFORMED,
        /** Well-formed but not valid against the published schema. */
        SCHEMA_INVALID,
        /** Larger than {@link XmlLimits#maxDocumentBytes()}. */
        TOO_LARGE,
        /** Nested deeper, or with more attributes, than {@link XmlLimits} allows. */
        TOO_COMPLEX,
        /** Contains a DOCTYPE (DTDs, and with them external and expanding entities, are refused). */
        DTD_FORBIDDEN,
        /** Root element from a namespace or of a type this codec does not handle. */
        UNSUPPORTED,
        /** An object could not be written (a bug or an incomplete object, never peer input). */
        ENCODING
    }

    private final Kind kind;
    private final int line;
    private final int column;

    public XmlCodecException(Kind kind, String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.line = line;
        this.column = column;
    }

    public XmlCodecException(Kind kind, String message) {
        this(kind, message, -1, -1, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Line of the fault in the input, or -1. */
    public int line() {
        return line;
    }

    /** Column of the fault in the input, or -1. */
    public int column() {
        return column;
    }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        return line > 0 ? "line " + line + (column > 0 ? ", column " + column : "") + ": " + m : m;
    }
}
