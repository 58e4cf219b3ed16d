package org.openvtn.schemas.dsig;

import java.time.Instant;

/**
 * A ReplayProtect nonce memory shared by several verifiers (several VTN nodes on one database, issue #19), consulted
 * after the verifier's own {@link ReplayGuard}: a payload first accepted by one node is refused as replayed by every
 * other (OpenADR 2.0b profile, ReplayProtect: a nonce is used once within the timestamp window).
 */
@FunctionalInterface
public interface SharedNonces {

    /**
     * Records a nonce unless it is remembered and not yet forgotten.
     *
     * @param key      32 hex characters: the first 128 bits of SHA-256 over signer and nonce (never the nonce text)
     * @param forgetAt when the nonce may be forgotten (its timestamp has left the window for good)
     * @param now      the verifier's clock
     * @return false when the key is already remembered until after {@code now} (a replay)
     */
    boolean firstUse(String key, Instant forgetAt, Instant now);
}
