package org.openvtn.sep.service;

import org.openvtn.schemas.sep.Condition;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.Resource;
import org.openvtn.sep.store.SepSubscription;

/**
 * Conditional subscriptions (IEEE 2030.5-2018 §5.6, Subscription {@code Condition}: "a condition that must be
 * satisfied for the Notification to be triggered"; sep.xsd SubscribableType 2/3; issue #17).
 *
 * <p>Interpretation (docs/ieee-2030.5.md "Subscription / Notification", conditional subscriptions): the one defined
 * attribute, 0 "Reading value", is the {@code value} of the subscribed Reading; the condition holds when that value
 * lies <b>outside</b> the band, i.e. below {@code lowerThreshold} or above {@code upperThreshold} (a value equal to a
 * threshold is inside). It is evaluated on each new value, not only on a crossing: every Reading posted outside the
 * band is notified, none inside. The raw Int48 values are compared (the thresholds are in the Reading's own units,
 * the ReadingType's powerOfTenMultiplier applying to both). A Reading without a value never meets it.
 */
public final class ReadingConditions {
    /** Condition.attributeIdentifier 0: Reading value (1-255 reserved). */
    public static final short READING_VALUE = 0;

    private ReadingConditions() {
    }

    /**
     * Checks a posted Condition against the subscribed resource.
     *
     * @throws SepException 400 reasonCode 1 on a resource without conditional subscriptions, for a reserved
     *                      attributeIdentifier, or for lowerThreshold above upperThreshold (an empty band)
     */
    static void check(String path, Condition c) {
        if (!SubscriptionService.conditional(path)) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "subscribedResource " + path
                    + " does not support conditional subscriptions (subscribable=\"1\"): remove the Condition");
        }
        if (c.getAttributeIdentifier() != READING_VALUE) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "Condition attributeIdentifier "
                    + c.getAttributeIdentifier() + " is reserved (0 = Reading value is the one defined)");
        }
        if (c.getLowerThreshold() > c.getUpperThreshold()) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "Condition lowerThreshold "
                    + c.getLowerThreshold() + " is above upperThreshold " + c.getUpperThreshold());
        }
    }

    /** @return the stored form of a posted Condition, null for none */
    static SepSubscription.Condition of(Condition c) {
        return c == null ? null
                : new SepSubscription.Condition(c.getAttributeIdentifier(), c.getLowerThreshold(),
                        c.getUpperThreshold());
    }

    /** @return the Condition element of a stored one, null for none */
    public static Condition toXml(SepSubscription.Condition c) {
        if (c == null) {
            return null;
        }
        Condition x = new Condition();
        x.setAttributeIdentifier(c.attributeIdentifier());
        x.setLowerThreshold(c.lowerThreshold());
        x.setUpperThreshold(c.upperThreshold());
        return x;
    }

    /**
     * @param condition a subscription's Condition, null for a non-conditional subscription
     * @param resource  the subscribed resource as it is now
     * @return whether a Notification of the resource is triggered: always without a condition; with one, when the
     *         resource is a Reading whose value lies outside [lowerThreshold, upperThreshold]
     */
    public static boolean holds(SepSubscription.Condition condition, Resource resource) {
        if (condition == null) {
            return true;
        }
        if (condition.attributeIdentifier() != READING_VALUE || !(resource instanceof Reading r)
                || r.getValue() == null) {
            return false;
        }
        long v = r.getValue();
        return v < condition.lowerThreshold() || v > condition.upperThreshold();
    }
}
