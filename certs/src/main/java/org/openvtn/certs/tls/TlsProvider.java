package org.openvtn.certs.tls;

/** Which JSSE implementation builds the {@code SSLContext}. */
public enum TlsProvider {
    /** The JDK's provider when it supports every suite of the profile, otherwise Bouncy Castle. */
    AUTO,
    /** The JDK's default JSSE provider (SunJSSE). */
    JDK,
    /** The Bouncy Castle JSSE provider, passed explicitly, never installed globally. */
    BOUNCY_CASTLE
}
