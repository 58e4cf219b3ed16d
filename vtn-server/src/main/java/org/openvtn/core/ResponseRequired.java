package org.openvtn.core;

/** OpenADR 2.0b {@code oadr:oadrResponseRequired}: whether VENs must answer with an opt response. */
public enum ResponseRequired {
    ALWAYS, NEVER
}
