package org.openvtn.device;

/**
 * One LogEvent (IEEE 2030.5-2018 §10.9.4 LogEvent; Table 29 functionSet codes): how a device reports alarms.
 *
 * @param functionSet  the function set the event belongs to (sep.xsd LogEvent.functionSet; 0 = general)
 * @param logEventCode the code within that function set
 * @param logEventId   the device's identifier of this log event (unsignedShort)
 * @param pen          the IANA PEN of the organisation defining the code (0 = the standard's own codes)
 * @param details      short human-readable text (at most 32 characters per sep.xsd), may be null
 */
public record LogEventReport(int functionSet, int logEventCode, int logEventId, long pen, String details) {
}
