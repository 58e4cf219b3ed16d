package org.openvtn.conformance.runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import org.openvtn.conformance.Suite;

/**
 * The suites on the class path, found with {@link ServiceLoader} from
 * {@code META-INF/services/org.openvtn.conformance.Suite}.
 */
public final class Suites {

    private final List<Suite> suites;

    private Suites(List<Suite> suites) {
        this.suites = List.copyOf(suites);
    }

    /** The suites visible to the thread's context class loader (or this class's loader). */
    public static Suites discover() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return discover(cl != null ? cl : Suites.class.getClassLoader());
    }

    public static Suites discover(ClassLoader loader) {
        List<Suite> found = new ArrayList<>();
        ServiceLoader.load(Suite.class, loader).forEach(found::add);
        found.sort(Comparator.comparing(Suite::name));
        return new Suites(found);
    }

    /** A fixed set (tests, embedding). */
    public static Suites of(List<Suite> suites) {
        return new Suites(suites);
    }

    public List<Suite> all() {
        return suites;
    }

    /**
     * @throws IllegalArgumentException naming the known suites when there is none by that name
     */
    public Suite get(String name) {
        return suites.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no suite named '" + name + "'; known: "
                        + (suites.isEmpty() ? "(none)" : String.join(", ", suites.stream().map(Suite::name).toList()))));
    }
}
