package org.openvtn.conformance;

/** Requirement level of a case or a check, in the sense of RFC 2119. */
public enum Requirement {
    MUST, SHOULD
}
