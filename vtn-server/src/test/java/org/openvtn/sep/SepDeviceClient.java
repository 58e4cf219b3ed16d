package org.openvtn.sep;

import java.util.HexFormat;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERControlResponse;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.Response;
import org.openvtn.schemas.sep.TimeType;

/**
 * A 2030.5 device for tests outside this package (the crash-safety test drives a server in another process): it
 * registers its EndDevice, reads a program's DERControls and answers them with Responses, over CCM_8 mutual TLS.
 */
public final class SepDeviceClient implements AutoCloseable {
    private final SepFixture.Client client;
    private final Credential credential;
    private String edev;

    private SepDeviceClient(SepFixture.Client client, Credential credential) {
        this.client = client;
        this.credential = credential;
    }

    /** Connects a device of the given test PKI to the 2030.5 listener on 127.0.0.1:port. */
    public static SepDeviceClient connect(TestPki pki, Credential credential, int port) throws Exception {
        return new SepDeviceClient(SepFixture.client(pki, credential, port), credential);
    }

    /** @return the device's LFDI (hex) */
    public String lfdi() {
        return SepIdentity.lfdi(credential.certificate());
    }

    /** POSTs its EndDevice (201) and remembers the Location. */
    public String register() throws Exception {
        edev = SepServerIT.register(client, credential);
        return edev;
    }

    /** @return the first DERControl of the program on this device's DERProgram, or null */
    public DERControl firstControl(String programId) throws Exception {
        SepFixture.Reply r = client.get(edev + "/derp/" + programId + "/derc");
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + edev + "/derp/" + programId + "/derc: " + r.status() + " " + r.text());
        }
        DERControlList l = r.resource(DERControlList.class);
        return l.getDERControl().isEmpty() ? null : l.getDERControl().get(0);
    }

    /** A status answer that the server acknowledged (201, Location), or null when it was refused. */
    public record Acked(String location, short status) {
    }

    /**
     * POSTs a DERControlResponse to the control's replyTo.
     *
     * @return the acknowledged Response, or null for any other status
     */
    public Acked respond(DERControl control, short status, long createdAt) throws Exception {
        DERControlResponse r = new DERControlResponse();
        TimeType t = new TimeType();
        t.setValue(createdAt);
        r.setCreatedDateTime(t);
        r.setEndDeviceLFDI(HexFormat.of().parseHex(lfdi()));
        r.setStatus(status);
        MRIDType m = new MRIDType();
        m.setValue(control.getMRID().getValue());
        r.setSubject(m);
        SepFixture.Reply reply = client.post(control.getReplyTo(), r);
        return reply.status() == 201 ? new Acked(reply.header("Location"), status) : null;
    }

    /** @return the stored Response's status, or -1 when it cannot be read (HTTP status other than 200) */
    public int readBack(String location) throws Exception {
        SepFixture.Reply r = client.get(location);
        return r.status() == 200 ? r.resource(Response.class).getStatus() : -1;
    }

    @Override
    public void close() {
        client.close();
    }
}
