package org.openvtn.device.engine;

import java.util.Map;

/** Told whenever the effective control of any mode changes. */
@FunctionalInterface
public interface EffectiveControlListener {

    /**
     * The effective control changed.
     *
     * @param effective the complete new map, mode name to control (immutable)
     */
    void changed(Map<String, EffectiveControl> effective);
}
