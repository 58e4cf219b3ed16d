package org.openvtn.device.walk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.openvtn.certs.identity.LogSafe;
import org.openvtn.device.SepDeviceException;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;

/**
 * Typed access to a 2030.5 server: every body received is decoded and validated against sep.xsd by
 * {@link SepCodec} (IEEE 2030.5-2018 §5.4), every body sent is encoded and validated. Lists are read page by page
 * with {@code s} and {@code l} until {@code all} is reached (§5.5.3 list queries). Internal.
 */
public final class SepFetcher {
    /** Default items asked for per list page (the server may return fewer; {@code all} tells how many there are). */
    public static final int DEFAULT_PAGE = 32;

    private final SepHttpClient http;
    private final SepCodec codec;
    private final CsipAus csip;
    /** CSIP-AUS extension modes of the documents read, per mRID of the DERControl / DefaultDERControl. */
    private final java.util.Map<String, java.util.Map<String, org.openvtn.device.engine.ModeValue>> csipModes =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final int page;
    /** CSIP-AUS 1.3 csipaus:ConnectionPointLink hrefs read, per href of the EndDevice that carries them. */
    private final java.util.Map<String, String> connectionPointLinks = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param http  the transport
     * @param codec validating sep.xsd codec
     * @param page  items asked for per list page ({@code l})
     */
    public SepFetcher(SepHttpClient http, SepCodec codec, int page) {
        this(http, codec, page, null);
    }

    /**
     * @param csip CSIP-AUS 1.3 reader for documents in its namespace; null: such documents must be valid sep.xsd
     */
    public SepFetcher(SepHttpClient http, SepCodec codec, int page, CsipAus csip) {
        this.http = http;
        this.codec = codec;
        this.csip = csip;
        this.page = page;
    }

    /** The transport (for the server's certificate). */
    public SepHttpClient http() {
        return http;
    }

    /** GET one resource; anything but 200 is an error. */
    public <T> T get(String href, Class<T> type) throws SepDeviceException {
        SepHttpClient.Reply r = send("GET", href, null);
        if (r.status() != 200) {
            throw refused("GET", href, r);
        }
        return decode(href, r.body(), type);
    }

    /** GET one resource, or null when the server answers 404. */
    public <T> T getOptional(String href, Class<T> type) throws SepDeviceException {
        SepHttpClient.Reply r = send("GET", href, null);
        if (r.status() == 404) {
            return null;
        }
        if (r.status() != 200) {
            throw refused("GET", href, r);
        }
        return decode(href, r.body(), type);
    }

    /**
     * Reads a whole list, page by page ({@code s}, {@code l}) until {@code all} items are collected or the server
     * returns an empty page.
     */
    public <L, I> List<I> all(String href, Class<L> type, Function<L, List<I>> items, ToLongFunction<L> all)
            throws SepDeviceException {
        return all(href, type, items, all, first -> { });
    }

    /** As {@link #all(String, Class, Function, ToLongFunction)}, showing the first page to {@code head}. */
    public <L, I> List<I> all(String href, Class<L> type, Function<L, List<I>> items, ToLongFunction<L> all,
                              java.util.function.Consumer<L> head) throws SepDeviceException {
        List<I> out = new ArrayList<>();
        String sep = href.contains("?") ? "&" : "?";
        for (int guard = 0; guard < 10_000; guard++) {
            L doc = get(href + sep + "s=" + out.size() + "&l=" + page, type);
            if (out.isEmpty()) {
                head.accept(doc);
            }
            List<I> got = items.apply(doc);
            out.addAll(got);
            if (got.isEmpty() || out.size() >= all.applyAsLong(doc)) {
                return out;
            }
        }
        throw new SepDeviceException(0, -1, "list " + href + " never ends", null);
    }

    /** POST a resource; returns the reply (the caller judges the status). */
    public SepHttpClient.Reply post(String href, Object resource) throws SepDeviceException {
        return send("POST", href, encode(resource));
    }

    /** PUT a resource; returns the reply. */
    public SepHttpClient.Reply put(String href, Object resource) throws SepDeviceException {
        return send("PUT", href, encode(resource));
    }

    /**
     * PUT a CSIP-AUS 1.3 csipaus:ConnectionPoint (validated against the CSIP-AUS schema set) to {@code href}.
     *
     * @throws SepDeviceException when no CSIP-AUS reader is configured or the id is not a valid connectionPointId
     */
    public SepHttpClient.Reply putConnectionPoint(String href, String connectionPointId) throws SepDeviceException {
        if (csip == null) {
            throw new SepDeviceException(0, -1, "no CSIP-AUS 1.3 schema set configured", null);
        }
        return send("PUT", href, csip.connectionPoint(connectionPointId));
    }

    /**
     * The csipaus:ConnectionPointLink the EndDevice at {@code endDeviceHref} carried when last read, or null (the
     * server offers none, or is not CSIP-AUS).
     */
    public String connectionPointLink(String endDeviceHref) {
        return endDeviceHref == null ? null : connectionPointLinks.get(endDeviceHref);
    }

    /** DELETE a resource; returns the reply. */
    public SepHttpClient.Reply delete(String href) throws SepDeviceException {
        return send("DELETE", href, null);
    }

    /** The CSIP-AUS extension modes read for the resource with this mRID (upper-case hex); empty when none. */
    public java.util.Map<String, org.openvtn.device.engine.ModeValue> csipModes(String mrid) {
        return csipModes.getOrDefault(mrid, java.util.Map.of());
    }

    /** Forgets the CSIP-AUS modes read so far (a new walk reads them again). */
    public void clearCsipModes() {
        csipModes.clear();
        connectionPointLinks.clear();
    }

    /**
     * Decodes and validates a received document: against sep.xsd, or when it uses the CSIP-AUS namespace (and a
     * CSIP-AUS reader is configured) against CSIP-AUS 1.3 first (see {@link CsipAus}).
     */
    public <T> T decode(String from, byte[] body, Class<T> type) throws SepDeviceException {
        if (csip != null && CsipAus.uses(body)) {
            CsipAus.Read r = csip.read(from, body);
            csipModes.putAll(r.modesByMrid());
            connectionPointLinks.putAll(r.connectionPointLinks());
            body = r.sepDocument();
        }
        try {
            return codec.decode(body, type);
        } catch (XmlCodecException e) {
            throw new SepDeviceException(0, -1, "invalid " + type.getSimpleName() + " from " + LogSafe.text(from)
                    + ": " + LogSafe.text(e.getMessage()), e);
        }
    }

    private byte[] encode(Object resource) throws SepDeviceException {
        try {
            return codec.encode(resource);
        } catch (XmlCodecException e) {
            throw new SepDeviceException(0, -1, "cannot encode " + resource.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private SepHttpClient.Reply send(String method, String href, byte[] body) throws SepDeviceException {
        try {
            return http.exchange(method, href, body);
        } catch (IOException e) {
            throw new SepDeviceException(0, -1, e.getMessage(), e);
        }
    }

    private SepDeviceException refused(String method, String href, SepHttpClient.Reply r) {
        int reason = -1;
        if (r.body().length > 0) {
            try {
                reason = codec.decode(r.body(), org.openvtn.schemas.sep.Error.class).getReasonCode();
            } catch (XmlCodecException | RuntimeException notAnError) {
                reason = -1;
            }
        }
        return new SepDeviceException(r.status(), reason, method + " " + LogSafe.text(href) + ": HTTP " + r.status()
                + (reason >= 0 ? " reasonCode " + reason : ""), null);
    }
}
