package org.openvtn.oadr20b.service;

import jakarta.xml.bind.JAXBElement;
import java.math.BigDecimal;
import org.openvtn.schemas.oadr20b.CurrencyItemDescriptionType;
import org.openvtn.schemas.oadr20b.CurrencyType;
import org.openvtn.schemas.oadr20b.ObjectFactory;
import org.openvtn.schemas.oadr20b.currency.ISO3AlphaCurrencyCodeContentType;
import org.openvtn.schemas.oadr20b.emix.ItemBaseType;
import org.openvtn.schemas.oadr20b.power.EnergyItemType;
import org.openvtn.schemas.oadr20b.power.EnergyRealType;
import org.openvtn.schemas.oadr20b.power.PowerAttributesType;
import org.openvtn.schemas.oadr20b.power.PowerItemType;
import org.openvtn.schemas.oadr20b.power.PowerRealType;

/**
 * Core unit strings &lt;-&gt; 2.0b {@code emix:itemBase} (part of the 2.0b mapping). Supported on
 * the way out: {@code XXX}, {@code XXX/kWh}, {@code XXX/kW} (ISO 4217 code: currency,
 * currencyPerKWh, currencyPerKW), {@code W}/{@code kW}/{@code MW} (powerReal, 60 Hz 120 V AC as
 * in the specification's examples) and {@code Wh}/{@code kWh}/{@code MWh} (energyReal). Anything
 * else is sent without an itemBase (optional in the schema).
 */
public final class OadrUnits {
    private static final ObjectFactory OADR = new ObjectFactory();
    private static final org.openvtn.schemas.oadr20b.power.ObjectFactory POWER =
            new org.openvtn.schemas.oadr20b.power.ObjectFactory();

    private OadrUnits() {
    }

    /** @return the itemBase element for the unit string, or null */
    public static JAXBElement<? extends ItemBaseType> itemBase(String units) {
        if (units == null || units.isBlank()) {
            return null;
        }
        String u = units.trim();
        String[] parts = u.split("/", 2);
        if (parts[0].matches("[A-Z]{3}")) {
            ISO3AlphaCurrencyCodeContentType code;
            try {
                code = ISO3AlphaCurrencyCodeContentType.fromValue(parts[0]);
            } catch (IllegalArgumentException e) {
                return null;
            }
            CurrencyType c = new CurrencyType();
            c.setItemUnits(code);
            c.setSiScaleCode("none");
            if (parts.length == 1) {
                c.setItemDescription(CurrencyItemDescriptionType.CURRENCY);
                return OADR.createCurrency(c);
            }
            if (parts[1].equalsIgnoreCase("kWh")) {
                c.setItemDescription(CurrencyItemDescriptionType.CURRENCY_PER_K_WH);
                return OADR.createCurrencyPerKWh(c);
            }
            if (parts[1].equalsIgnoreCase("kW")) {
                c.setItemDescription(CurrencyItemDescriptionType.CURRENCY_PER_KW);
                return OADR.createCurrencyPerKW(c);
            }
            return null;
        }
        String scale = switch (u.isEmpty() ? ' ' : u.charAt(0)) {
            case 'k' -> "k";
            case 'M' -> "M";
            default -> "none";
        };
        String base = "none".equals(scale) ? u : u.substring(1);
        if (base.equals("W")) {
            PowerRealType p = new PowerRealType();
            p.setItemDescription("RealPower");
            p.setItemUnits("W");
            p.setSiScaleCode(scale);
            PowerAttributesType a = new PowerAttributesType();
            a.setHertz(BigDecimal.valueOf(60));
            a.setVoltage(BigDecimal.valueOf(120));
            a.setAc(true);
            p.setPowerAttributes(a);
            return POWER.createPowerReal(p);
        }
        if (base.equals("Wh")) {
            EnergyRealType en = new EnergyRealType();
            en.setItemDescription("RealEnergy");
            en.setItemUnits("Wh");
            en.setSiScaleCode(scale);
            return POWER.createEnergyReal(en);
        }
        return null;
    }

    /**
     * A readable unit string for a received itemBase: {@code <element>/<scale><units>}, e.g.
     * {@code powerReal/kW} or {@code currencyPerKWh/USD}.
     *
     * @return the string, or null when there is no itemBase
     */
    public static String units(JAXBElement<? extends ItemBaseType> itemBase) {
        if (itemBase == null || itemBase.getValue() == null) {
            return null;
        }
        String name = itemBase.getName().getLocalPart();
        Object v = itemBase.getValue();
        String units = null;
        String scale = null;
        if (v instanceof PowerItemType p) {
            units = p.getItemUnits();
            scale = p.getSiScaleCode();
        } else if (v instanceof EnergyItemType e) {
            units = e.getItemUnits();
            scale = e.getSiScaleCode();
        } else if (v instanceof CurrencyType c) {
            units = c.getItemUnits() == null ? null : c.getItemUnits().value();
        }
        if (units == null) {
            return name;
        }
        return name + "/" + (scale == null || "none".equals(scale) ? "" : scale) + units;
    }
}
