package org.openvtn.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OpenADR 2.0b ei:eiTarget matching by venID, groupID, resourceID and partyID (union semantics). */
class TargetsTest {
    private static final Registration REG = new Registration("r1", "ven1", "Ven One", "party1", "fp1",
            Protocol.OADR20B, Registration.OadrTerms.pull(), Duration.ofSeconds(10), Set.of("north"), Set.of("meter-7"),
            Instant.EPOCH, true);

    @Test
    void matchesByEachKind() {
        assertTrue(Targets.vens("ven1").matches(REG));
        assertFalse(Targets.vens("ven2").matches(REG));
        assertTrue(new Targets(false, Set.of(), Set.of("north"), Set.of(), Set.of()).matches(REG));
        assertFalse(new Targets(false, Set.of(), Set.of("south"), Set.of(), Set.of()).matches(REG));
        assertTrue(new Targets(false, Set.of(), Set.of(), Set.of("meter-7"), Set.of()).matches(REG));
        assertFalse(new Targets(false, Set.of(), Set.of(), Set.of("meter-8"), Set.of()).matches(REG));
        assertTrue(new Targets(false, Set.of(), Set.of(), Set.of(), Set.of("party1")).matches(REG));
        assertFalse(new Targets(false, Set.of(), Set.of(), Set.of(), Set.of("party2")).matches(REG));
        assertTrue(new Targets(false, Set.of("venX"), Set.of("north"), Set.of(), Set.of()).matches(REG));
        assertTrue(Targets.everyone().matches(REG));
        assertTrue(new Targets(false, null, null, null, null).isEmpty());
    }
}
