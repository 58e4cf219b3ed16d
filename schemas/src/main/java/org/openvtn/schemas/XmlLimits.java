package org.openvtn.schemas;

/**
 * Bounds applied to every XML document a codec reads. Defaults are safe for protocol traffic:
 * OpenADR 2.0b and IEEE 2030.5 messages are kilobytes, never megabytes, and never deeply nested.
 *
 * @param maxDocumentBytes largest document accepted, in bytes (default 1 MiB)
 * @param maxDepth deepest element nesting accepted (default 256)
 * @param maxAttributesPerElement most attributes on one element (default 64)
 */
public record XmlLimits(int maxDocumentBytes, int maxDepth, int maxAttributesPerElement) {

    /** 1 MiB, 256 levels, 64 attributes. */
    public static final XmlLimits DEFAULT = new XmlLimits(1024 * 1024, 256, 64);

    public XmlLimits {
        if (maxDocumentBytes < 1024) {
            throw new IllegalArgumentException("maxDocumentBytes must be at least 1024, got " + maxDocumentBytes);
        }
        if (maxDepth < 8) {
            throw new IllegalArgumentException("maxDepth must be at least 8, got " + maxDepth);
        }
        if (maxAttributesPerElement < 1) {
            throw new IllegalArgumentException("maxAttributesPerElement must be positive, got " + maxAttributesPerElement);
        }
    }

    /** The same limits with another maximum document size. */
    public XmlLimits withMaxDocumentBytes(int bytes) {
        return new XmlLimits(bytes, maxDepth, maxAttributesPerElement);
    }
}
