package org.openvtn.store;

import java.util.List;
import java.util.Optional;
import org.openvtn.core.Program;

/** Persistence of programs. */
public interface ProgramStore {
    void insert(Program program);

    Optional<Program> find(String id);

    Optional<Program> findByName(String name);

    List<Program> list();

    /** @return true when a program was deleted */
    boolean delete(String id);
}
