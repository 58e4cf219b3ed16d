package org.openvtn.admin.api;

/**
 * {@code POST /programs}.
 *
 * @param name          program name (required)
 * @param marketContext OpenADR market context URI (required)
 * @param overlap       overlap policy {@code reject} (default) or {@code supersede}
 */
@ApiSchema("ProgramInput")
public record ProgramInput(String name, String marketContext, String overlap) {
}
