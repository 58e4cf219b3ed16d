package org.openvtn.sep.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * URL layout of the 2030.5 server (docs/ieee-2030.5.md): everything below an EndDevice is
 * scoped by its id so authorisation is one check on {@code {e}} (CSIP-AUS S-ALL-05).
 *
 * <pre>
 * /dcap  /tm  /edev  /edev/{e}  /edev/{e}/reg  /edev/{e}/fsa  /edev/{e}/fsa/{p}
 * /edev/{e}/fsa/{p}/derp  /edev/{e}/derp/{p}  /edev/{e}/derp/{p}/derc[/{mRID}]  /edev/{e}/derp/{p}/actderc
 * /edev/{e}/derp/{p}/dderc  /edev/{e}/fsa/{p}/drp  /edev/{e}/drp/{p}  /edev/{e}/drp/{p}/edc[/{mRID}]
 * /edev/{e}/drp/{p}/actedc  /edev/{e}/sub[/{n}]  /edev/{e}/lel[/{n}]  /edev/{e}/der/1/{dercap,derg,ders,dera}
 * /edev/{e}/fsa/{p}/tp  /edev/{e}/tp/{p}[/ctti]  /edev/{e}/tp/{p}/rc[/{n}[/rt|/acttti|/tti[/{mRID}[/cti[/1]]]]]
 * /edev/{e}/fsa/{p}/msg  /edev/{e}/msg/{p}[/txt[/{mRID}]|/acttxt]
 * /edev/{e}/fsa/{p}/ca   /edev/{e}/ca/{p}/{a}[/ag[/{g}[/bp[/{n}]|/(hr|pr|tr)[/{n}[/rt|/rs[/{s}[/r[/{i}]]]]]]]]
 * /edev/{e}/frq[/{n}]  /edev/{e}/frp[/{n}]
 * /rsps[/{p}/rsp[/{n}]]  /mup[/{n}[/mr/{m}]]
 * </pre>
 */
public final class SepPaths {
    public static final String DCAP = "/dcap";
    public static final String TIME = "/tm";
    public static final String EDEV = "/edev";

    private SepPaths() {
    }

    public static String edev(long e) { return EDEV + "/" + e; }
    public static String reg(long e) { return edev(e) + "/reg"; }
    /** CSIP-AUS 1.3 ConnectionPoint of an EndDevice (EndDevice csipaus:ConnectionPointLink). */
    public static String cp(long e) { return edev(e) + "/cp"; }
    public static String fsaList(long e) { return edev(e) + "/fsa"; }
    public static String fsa(long e, String p) { return fsaList(e) + "/" + p; }
    public static String derpList(long e, String p) { return fsa(e, p) + "/derp"; }
    public static String derp(long e, String p) { return edev(e) + "/derp/" + p; }
    public static String dercList(long e, String p) { return derp(e, p) + "/derc"; }
    public static String actDercList(long e, String p) { return derp(e, p) + "/actderc"; }
    public static String curveList(long e, String p) { return derp(e, p) + "/dc"; }
    public static String defaultDerc(long e, String p) { return derp(e, p) + "/dderc"; }
    public static String drpList(long e, String p) { return fsa(e, p) + "/drp"; }
    public static String drp(long e, String p) { return edev(e) + "/drp/" + p; }
    public static String edcList(long e, String p) { return drp(e, p) + "/edc"; }
    public static String actEdcList(long e, String p) { return drp(e, p) + "/actedc"; }
    public static String subList(long e) { return edev(e) + "/sub"; }
    public static String sub(long e, long id) { return subList(e) + "/" + id; }
    public static String lelList(long e) { return edev(e) + "/lel"; }
    public static String derList(long e) { return edev(e) + "/der"; }
    public static String der(long e) { return der(e, 1); }
    /** DER {@code n} (1-based) of an EndDevice's DERList (several DERs behind one EndDevice; CSIP-AUS MUL-01..03). */
    public static String der(long e, int n) { return derList(e) + "/" + n; }
    /** Pricing (§10.5): TariffProfileList of a program's FunctionSetAssignments. */
    public static String tpList(long e, String p) { return fsa(e, p) + "/tp"; }
    public static String tp(long e, String p) { return edev(e) + "/tp/" + p; }
    public static String rcList(long e, String p) { return tp(e, p) + "/rc"; }
    public static String rc(long e, String p, int n) { return rcList(e, p) + "/" + n; }
    public static String ttiList(long e, String p, int n) { return rc(e, p, n) + "/tti"; }
    public static String actTtiList(long e, String p, int n) { return rc(e, p, n) + "/acttti"; }
    /** CSIP-AUS 1.3 CombinedTimeTariffIntervalList of a TariffProfile (every RateComponent's intervals). */
    public static String combinedTti(long e, String p) { return tp(e, p) + "/ctti"; }
    /** Messaging (§10.6): MessagingProgramList of a program's FunctionSetAssignments. */
    public static String msgList(long e, String p) { return fsa(e, p) + "/msg"; }
    public static String msg(long e, String p) { return edev(e) + "/msg/" + p; }
    public static String txtList(long e, String p) { return msg(e, p) + "/txt"; }
    public static String actTxtList(long e, String p) { return msg(e, p) + "/acttxt"; }
    /** Flow Reservation (§10.9): the EndDevice's FlowReservationRequestList / FlowReservationResponseList. */
    public static String caList(long e, String p) { return fsa(e, p) + "/ca"; }
    /** @return the base of the program's CustomerAccounts ({@code /{a}} follows) */
    public static String ca(long e, String p) { return edev(e) + "/ca/" + p; }
    public static String frqList(long e) { return edev(e) + "/frq"; }
    public static String frpList(long e) { return edev(e) + "/frp"; }
    public static final String RSPS = "/rsps";
    public static String rsps(String p) { return RSPS + "/" + p; }
    public static String rspList(String p) { return rsps(p) + "/rsp"; }
    public static final String MUP = "/mup";
    public static String mup(long id) { return MUP + "/" + id; }
    /** UsagePointList: the read-back of mirrored usage points (same index as {@code /mup/{n}}). */
    public static final String UPT = "/upt";
    public static String upt(long id) { return UPT + "/" + id; }

    /**
     * A 128-bit mRID derived from a stable key (first 16 bytes of its SHA-256), so the same core
     * object always has the same mRID (§6.1 IdentifiedObject.mRID).
     */
    public static byte[] mrid(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(h, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the mRID as upper-case hex (the last path segment of a control's href) */
    public static String mridHex(String key) {
        return HexFormat.of().withUpperCase().formatHex(mrid(key));
    }
}
