-- Version 50: the set of programs in the 2030.5 notifier's producer cursor (issue #19). The producer duties (V26
-- sep_notify_producer) include noticing that programs were created or removed (FunctionSetAssignmentsList and EndDevice
-- of every device, and a removed program's lists, IEEE 2030.5-2018 §5.6). The set the last holder notified travels with
-- its other cursors and commits with the Notifications that announced it, so a node taking over after the holder died
-- compares the current programs with that set and notifies a creation or removal the holder did not get to.
-- program_ids: the program ids, sorted, one per line; NULL until a holder first records it (begin at the current set).
ALTER TABLE sep_notify_producer ADD COLUMN program_ids ${clob};
