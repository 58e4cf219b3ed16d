package org.openvtn.store;

import java.util.function.Supplier;

/**
 * All stores of one VTN plus transactions. Services group several store calls into one atomic
 * unit with {@link #inTransaction(Supplier)}.
 */
public interface VtnStore extends AutoCloseable {
    ProgramStore programs();

    EventStore events();

    RegistrationStore registrations();

    OptStore opts();

    ReportStore reports();

    PollStore polls();

    /**
     * @return the database these stores live in, so an adapter's own stores (IEEE 2030.5, migration V2) share its
     *         connection and transactions
     */
    Database database();

    /** Runs {@code work} atomically; nested calls join. Exceptions roll back and propagate. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} atomically. */
    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    @Override
    void close();
}
