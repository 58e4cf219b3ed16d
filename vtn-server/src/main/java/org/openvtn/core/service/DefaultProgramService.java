package org.openvtn.core.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Program;
import org.openvtn.core.ProgramChangeListener;
import org.openvtn.core.ProgramService;
import org.openvtn.core.VtnException;
import org.openvtn.store.VtnStore;

/** Default {@link ProgramService}. */
public final class DefaultProgramService implements ProgramService {
    private final VtnStore store;
    private final Clock clock;
    private final List<ProgramChangeListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public DefaultProgramService(VtnStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Program create(String name, String marketContext, OverlapPolicy overlap) {
        if (overlap == null) {
            throw VtnException.invalidData("overlap", "overlap must be \"reject\" or \"supersede\"");
        }
        if (name == null || name.isBlank() || name.length() > 255) {
            throw VtnException.invalidData("name", "name is required (1-255 characters)");
        }
        if (marketContext == null || marketContext.isBlank() || marketContext.length() > 1024) {
            throw VtnException.invalidData("marketContext", "marketContext is required (a URI, max 1024 characters)");
        }
        try {
            java.net.URI.create(marketContext);
        } catch (IllegalArgumentException e) {
            throw VtnException.invalidData("marketContext", "marketContext must be a URI");
        }
        return store.inTransaction(() -> {
            if (store.programs().findByName(name).isPresent()) {
                throw VtnException.invalidData("name", "a program named '" + name + "' already exists");
            }
            Program p = new Program(UUID.randomUUID().toString(), name, marketContext, clock.instant(), overlap);
            store.programs().insert(p);
            listeners.forEach(l -> l.onProgramChange(ProgramChangeListener.Kind.CREATED, p));
            return p;
        });
    }

    @Override
    public Optional<Program> get(String id) {
        return store.programs().find(id);
    }

    @Override
    public List<Program> list() {
        return store.programs().list();
    }

    @Override
    public boolean delete(String id) {
        return store.inTransaction(() -> {
            Optional<Program> old = store.programs().find(id);
            if (old.isEmpty()) {
                return false;
            }
            if (store.events().list().stream().anyMatch(e -> id.equals(e.programId()))) {
                throw new VtnException(org.openvtn.core.ErrorCode.NOT_ALLOWED, "id",
                        "program " + id + " has events; a program with events cannot be deleted");
            }
            boolean deleted = store.programs().delete(id);
            if (deleted) {
                listeners.forEach(l -> l.onProgramChange(ProgramChangeListener.Kind.DELETED, old.get()));
            }
            return deleted;
        });
    }

    @Override
    public AutoCloseable addTransactionalListener(ProgramChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
