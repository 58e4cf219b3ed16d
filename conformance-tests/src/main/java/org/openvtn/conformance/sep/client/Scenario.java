package org.openvtn.conformance.sep.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the harness server publishes to the device during one case: its registration state, the PIN its
 * Registration carries, pollRate, time offset, and the DER programs with their controls and defaults. A case builds
 * it; the harness serves it (under the harness lock). Paths are the harness's own, so a device that builds paths
 * instead of following links (IEEE 2030.5-2018 §5.5, CSIP §5.2.1) asks for resources that do not exist.
 */
final class Scenario {
    static final String ROOT = "/sut";
    static final String DCAP = ROOT + "/cap";
    static final String TIME = ROOT + "/clock";
    static final String EDEV = ROOT + "/units";
    static final String EDEV_ITEM = EDEV + "/u7";
    static final String REG = EDEV_ITEM + "/enrol";
    static final String LEL = EDEV_ITEM + "/journal";
    static final String FSA_LIST = EDEV_ITEM + "/sets";
    static final String FSA = FSA_LIST + "/s1";
    static final String DERP_LIST = ROOT + "/plans";
    static final String RSP = ROOT + "/acks";
    static final String MUP = ROOT + "/mirrors";
    static final String SUBS = EDEV_ITEM + "/watch";
    static final String DER_LIST = EDEV_ITEM + "/kit";
    static final String DER = DER_LIST + "/k1";
    static final String DER_STATUS = DER + "/now";
    /** The DemandResponseProgramList the FSA links when {@link #unimplementedDr}: answered 501 (CORE-002). */
    static final String DRP_LIST = ROOT + "/dr";
    static final String DEVICE_INFO = EDEV_ITEM + "/about";
    static final String DER_CAPABILITY = DER + "/rated";
    static final String DER_SETTINGS = DER + "/set";
    /** The EndDevice's csipaus:ConnectionPointLink when {@link #connectionPoint} (CSIP-AUS 1.3; ALL-03). */
    static final String CONNECTION_POINT = EDEV_ITEM + "/site";

    /** The href of DER {@code i} (1-based) of the harness's DERList; DER 1 is {@link #DER}. */
    static String der(int i) {
        return i == 1 ? DER : DER_LIST + "/k" + i;
    }

    /** DER {@code i}'s DERStatusLink (1-based). */
    static String derStatus(int i) {
        return der(i) + "/now";
    }

    /** DER {@code i}'s DERCapabilityLink (1-based). */
    static String derCapability(int i) {
        return der(i) + "/rated";
    }

    /** DER {@code i}'s DERSettingsLink (1-based). */
    static String derSettings(int i) {
        return der(i) + "/set";
    }

    /** One Subscription the device posted (§5.6.1): the resource, where to notify, the harness's href. */
    record Sub(String href, String resource, String notificationUri) {
    }

    /** One DER program (§10.10.3.2 DERProgram). */
    static final class Program {
        final String id;
        final String mrid;
        final int primacy;
        final List<Control> controls = new ArrayList<>();
        Mode defaults;
        /** DefaultDERControl.setGradW, hundredths of a percent of setMaxW per second (null: absent; ALL-13). */
        Integer setGradW;

        Program(String id, int primacy) {
            this.id = id;
            this.primacy = primacy;
            this.mrid = String.format("D0%030X", Math.abs((long) id.hashCode()) * 7 + primacy);
        }

        String href() {
            return DERP_LIST + "/" + id;
        }

        /** The mRID of the program's DefaultDERControl. */
        String defaultMrid() {
            return mrid.substring(0, 30) + "DF";
        }

        /** §12.1.3.4 list order: interval start ascending, creationTime descending, mRID descending. */
        List<Control> sortedControls() {
            return controls.stream().sorted(Comparator.<Control>comparingLong(c -> c.start)
                    .thenComparing(Comparator.<Control>comparingLong(c -> c.creationTime).reversed())
                    .thenComparing(Comparator.<Control, String>comparing(c -> c.mrid).reversed())).toList();
        }

        Control control(String id, String mode, long value, long start, long duration, long created) {
            Control c = new Control(id, this, mode, value, start, duration, created);
            controls.add(c);
            return c;
        }
    }

    /** One FunctionSetAssignments and the programs its DERProgramList links (ascending primacy). */
    record Fsa(String id, List<Program> programs) {
        String href() {
            return FSA_LIST + "/" + id;
        }

        String programList() {
            return href() + "/derp";
        }

        String mrid() {
            return String.format("F5%030X", Math.abs((long) id.hashCode()));
        }
    }

    /** One mode value. */
    record Mode(String mode, long value) {
    }

    /** One DERControl (§10.10.3.4); the harness's own mRID and href. */
    static final class Control {
        final String id;
        final Program program;
        final String mrid;
        final String mode;
        final long value;
        final long start;
        final long duration;
        final long creationTime;
        volatile short status;
        volatile long statusTime;
        int randomizeStart;
        /** sep.xsd RandomizableEvent randomizeDuration, seconds (0: absent). */
        int randomizeDuration;
        int responseRequired = 0x03;
        /** Power-of-ten multiplier of an ActivePower mode (opModTargetW, CSIP-AUS modes); 0 otherwise (ALL-24). */
        int multiplier;
        /** Further CSIP-AUS modes of the same DERControlBase (STO-03: opModStorageTargetW with opModExpLimW). */
        final List<Mode> also = new ArrayList<>();
        /** DERControlBase.rampTms, hundredths of a second (null: absent; CSIP-AUS ALL-25). */
        Integer rampTms;

        Control(String id, Program program, String mode, long value, long start, long duration, long created) {
            this.id = id;
            this.program = program;
            this.mode = mode;
            this.value = value;
            this.start = start;
            this.duration = duration;
            this.creationTime = created;
            this.statusTime = created;
            this.mrid = String.format("C0%026X%04X", Math.abs((long) (program.id + id).hashCode()), created & 0xFFFF);
        }

        String href() {
            return program.href() + "/ctl/" + id;
        }
    }

    final String dcap;
    long pollRate;
    /** Seconds the harness's time is ahead of its own clock (CORE-005). */
    long timeOffset;
    boolean registered;
    boolean registrationLink = true;
    long servedPin;
    String lfdi;
    long sfdi;
    long changedTime;
    /** Answer 503 to everything (communication loss, ALL-23). */
    boolean unavailable;
    /** Offer a SubscriptionListLink and mark the lists subscribable (§5.6; CORE-018). */
    boolean subscriptions;
    /** Offer a DERListLink with one DER that links its DERStatus (§10.10.4; BASIC-028). */
    boolean derList;
    /** With {@link #derList}: how many DERs the DERList holds (CSIP-AUS MUL-01..03: several behind one EndDevice). */
    int ders = 1;
    /** The FSA links a DemandResponseProgramList the harness answers 501 Not Implemented (CSIP CORE-002). */
    boolean unimplementedDr;
    /** With {@link #derList}: also DeviceInformationLink, DERCapabilityLink, DERSettingsLink (BASIC-001, CORE-014). */
    boolean deviceData;
    /**
     * The FunctionSetAssignments the EndDevice is given (IEEE 2030.5-2018 §6.4; CSIP-AUS §5.2.4 group management):
     * null for one FSA linking every program of {@link #programs}; else these, each with its own DERProgramList
     * ({@link FsaDocs}). A program in no FSA is still served at its href but no longer linked.
     */
    List<Fsa> fsas;
    /** With {@link #fsas}: the pollRate of the FunctionSetAssignmentsList and of the FSAs' DERProgramLists (ALL-19/20). */
    Long fsaPollRate;
    Long programListPollRate;
    /** The EndDevice carries a csipaus:ConnectionPointLink to {@link #CONNECTION_POINT} (CSIP-AUS 1.3; ALL-03). */
    boolean connectionPoint;
    /** The postRate (s) of the device's MirrorUsagePoints, or null for none (IEEE 2030.5-2018 §10.11; ALL-10). */
    Long mirrorPostRate;
    /** Subscriptions held (kept across cases, like the registration: the device does not repeat them). */
    List<Sub> subs = new ArrayList<>();
    final List<Program> programs = new ArrayList<>();

    Scenario(String dcap) {
        this.dcap = dcap;
    }

    String dcapPath() {
        return dcap;
    }

    Program program(String id, int primacy) {
        Program p = new Program(id, primacy);
        programs.add(p);
        programs.sort(Comparator.comparingInt(x -> x.primacy));
        return p;
    }

    /** §5.5.3 list query: {@code s} start, {@code l} limit. */
    static <T> List<T> page(List<T> all, long start, long limit) {
        if (start >= all.size() || limit <= 0) {
            return List.of();
        }
        return all.subList((int) start, (int) Math.min(all.size(), start + limit));
    }

    /** A valid 6-digit PIN (5 digits + Luhn check digit, CSIP-AUS §x Registration) other than {@code pin}. */
    static long otherPin(long pin) {
        long base = (pin / 10 + 13579) % 100000;
        return base * 10 + luhn(base);
    }

    static int luhn(long digits) {
        int sum = 0;
        boolean dbl = true;
        for (long d = digits; d > 0; d /= 10) {
            int x = (int) (d % 10);
            if (dbl) {
                x *= 2;
                if (x > 9) {
                    x -= 9;
                }
            }
            sum += x;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }
}
