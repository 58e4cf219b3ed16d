package org.openvtn.sep.service;

import org.openvtn.core.Program;
import java.util.List;
import java.util.function.BiConsumer;
import org.openvtn.schemas.sep.CurveData;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.DERCurveLink;
import org.openvtn.schemas.sep.DERCurve;
import org.openvtn.schemas.sep.DERCurveList;
import org.openvtn.schemas.sep.DERCurveType;
import org.openvtn.schemas.sep.DERUnitRefType;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.sep.store.JdbcCurveStore;
import org.openvtn.sep.store.SepEndDevice;

/**
 * DERCurveList / DERCurve documents (IEEE 2030.5-2018 DER function set; sep.xsd DERCurve) of a program's
 * operator-defined curves ({@link DerCurveService}), under each device's DERProgram: {@code .../derp/{p}/dc/{n}}.
 */
public final class CurveResources {
    /** DERControlBase setter of each curve mode, by DERCurveType 0..14 (sep.xsd DERControlBase, DERCurveType). */
    private static final List<BiConsumer<DERControlBase, DERCurveLink>> MODES = List.of(
            DERControlBase::setOpModFreqWatt, DERControlBase::setOpModHFRTMayTrip, DERControlBase::setOpModHFRTMustTrip,
            DERControlBase::setOpModHVRTMayTrip, DERControlBase::setOpModHVRTMomentaryCessation,
            DERControlBase::setOpModHVRTMustTrip, DERControlBase::setOpModLFRTMayTrip,
            DERControlBase::setOpModLFRTMustTrip, DERControlBase::setOpModLVRTMayTrip,
            DERControlBase::setOpModLVRTMomentaryCessation, DERControlBase::setOpModLVRTMustTrip,
            DERControlBase::setOpModVoltVar, DERControlBase::setOpModVoltWatt, DERControlBase::setOpModWattPF,
            DERControlBase::setOpModWattVar);

    private final SepMrids mrids;

    public CurveResources(SepMrids mrids) {
        this.mrids = mrids;
    }

    /** @return the href of curve {@code n} of a program as a device sees it */
    public static String href(long device, String programId, int n) {
        return SepPaths.curveList(device, programId) + "/" + n;
    }

    /**
     * Sets the curve mode of {@code curveType} on a DERControlBase to a DERCurveLink (IEEE 2030.5-2018 §10.10: a curve
     * mode of a DERControl or DefaultDERControl is a link to a DERCurve of the same curveType).
     *
     * @param href the DERCurve's href as the device sees it ({@link #href})
     */
    public static void link(DERControlBase base, int curveType, String href) {
        DERCurveLink l = new DERCurveLink();
        l.setHref(href);
        MODES.get(curveType).accept(base, l);
    }

    /** @return one page of the program's DERCurveList (ordered by curve index) */
    public DERCurveList list(SepEndDevice d, Program p, ListQuery.Page<JdbcCurveStore.Curve> page) {
        DERCurveList l = new DERCurveList();
        l.setHref(SepPaths.curveList(d.id(), p.id()));
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(c -> l.getDERCurve().add(curve(d, c)));
        return l;
    }

    /** @return the DERCurve; its mRID is stable per program and index, creationTime the last definition */
    public DERCurve curve(SepEndDevice d, JdbcCurveStore.Curve c) {
        DerCurveDefinition def = DerCurveDefinition.fromText(c.definition());
        DERCurve r = new DERCurve();
        r.setHref(href(d.id(), c.programId(), c.curveId()));
        r.setMRID(mrids.type("dc:" + c.programId() + ":" + c.curveId()));
        r.setDescription(SepResources.description(DerCurveDefinition.CURVE_TYPES.get(def.curveType()) + " "
                + c.curveId()));
        r.setCreationTime(SepResources.timeType(c.createdAt()));
        for (DerCurveDefinition.Point p : def.points()) {
            CurveData cd = new CurveData();
            cd.setExcitation(p.excitation());
            cd.setXvalue((int) p.x());
            cd.setYvalue((int) p.y());
            r.getCurveData().add(cd);
        }
        DERCurveType t = new DERCurveType();
        t.setValue((short) def.curveType());
        r.setCurveType(t);
        r.setXMultiplier(multiplier(def.xMultiplier()));
        r.setYMultiplier(multiplier(def.yMultiplier()));
        DERUnitRefType y = new DERUnitRefType();
        y.setValue((short) def.yRefType());
        r.setYRefType(y);
        return r;
    }

    private static PowerOfTenMultiplierType multiplier(int v) {
        PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
        m.setValue((byte) v);
        return m;
    }
}
