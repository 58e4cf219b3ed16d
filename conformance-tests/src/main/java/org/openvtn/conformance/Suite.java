package org.openvtn.conformance;

import java.util.List;

/** A named, ordered catalogue of cases for one role against one kind of target. */
public interface Suite {

    /** The name used on the command line, e.g. {@code oadr20b-vtn-pull}, {@code sep-server}. */
    String name();

    /** One line saying what the suite plays against what. */
    String description();

    /** Version of the catalogue (bumped whenever a case is added, removed or changes meaning). */
    String catalogueVersion();

    /** Capabilities a target may declare for this suite, each with a one-line meaning (PICS-like form). */
    java.util.Map<String, String> capabilities();

    /** The cases, in the order they run. */
    List<ConformanceCase> cases();
}
