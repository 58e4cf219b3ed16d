package org.openvtn.ven;

/**
 * {@code oadrResponseRequired} of an event (OpenADR 2.0b profile §8.1, conformance rules 12 and 62):
 * {@link #ALWAYS} means the VEN answers with {@code oadrCreatedEvent}, {@link #NEVER} that it must not.
 */
public enum ResponseRequired {
    ALWAYS,
    NEVER
}
