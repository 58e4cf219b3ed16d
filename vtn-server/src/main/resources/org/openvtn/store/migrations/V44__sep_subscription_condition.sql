-- IEEE 2030.5-2018 §5.6 Subscription.Condition (issue #17, conditional subscriptions): the optional Condition of a
-- Subscription. All three NULL for a non-conditional subscription. attributeIdentifier 0 = Reading value is the one
-- defined value; lowerThreshold and upperThreshold are Int48.
ALTER TABLE sep_subscriptions ADD COLUMN cond_attribute SMALLINT;
ALTER TABLE sep_subscriptions ADD COLUMN cond_lower BIGINT;
ALTER TABLE sep_subscriptions ADD COLUMN cond_upper BIGINT;
