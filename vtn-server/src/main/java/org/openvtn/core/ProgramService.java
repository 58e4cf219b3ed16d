package org.openvtn.core;

import java.util.List;
import java.util.Optional;

/** Programs and their market contexts. */
public interface ProgramService {
    /**
     * @param name          unique name
     * @param marketContext market context URI
     * @return the new program
     * @throws VtnException 454 naming {@code name} or {@code marketContext} when blank or duplicate
     */
    Program create(String name, String marketContext);

    Optional<Program> get(String id);

    List<Program> list();
}
