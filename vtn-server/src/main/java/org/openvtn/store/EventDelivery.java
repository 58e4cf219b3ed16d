package org.openvtn.store;

import java.time.Instant;
import org.openvtn.core.EventStatus;

/**
 * What a VEN last received for an event (drives implicit-cancel bookkeeping).
 *
 * @param modificationNumber modification number delivered
 * @param status             status delivered
 * @param deliveredAt        when
 */
public record EventDelivery(long modificationNumber, EventStatus status, Instant deliveredAt) {
}
