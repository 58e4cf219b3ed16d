package org.openvtn.conformance;

import java.util.Objects;

/**
 * A named rule that a message broke.
 *
 * @param rule    the rule's stable name, e.g. {@code oadr.modificationNumber.increments}, {@code xsd}
 * @param level   MUST or SHOULD
 * @param element where in the message: an element path such as {@code /oadrPayload/.../eiEvent[2]/eventDescriptor}
 * @param message what was expected and what was found
 */
public record RuleViolation(String rule, Requirement level, String element, String message) {

    public RuleViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(level, "level");
        element = element == null ? "" : element;
        Objects.requireNonNull(message, "message");
    }

    public static RuleViolation must(String rule, String element, String message) {
        return new RuleViolation(rule, Requirement.MUST, element, message);
    }

    public static RuleViolation should(String rule, String element, String message) {
        return new RuleViolation(rule, Requirement.SHOULD, element, message);
    }

    @Override
    public String toString() {
        return rule + " [" + level + "] at " + element + ": " + message;
    }
}
