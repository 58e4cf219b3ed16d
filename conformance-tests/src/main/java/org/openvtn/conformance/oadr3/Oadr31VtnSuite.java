package org.openvtn.conformance.oadr3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;

/**
 * {@code oadr31-vtn}: the suite plays one business-logic (BL) client and two VEN clients against any OpenADR 3.1.0
 * VTN over HTTPS with OAuth2 bearer tokens, and runs its own HTTPS webhook receiver. Every case cites the clause of the
 * 3.1 Definition (or the operation of openadr3.yaml) it checks; every body received is judged by the published
 * component schemas ({@link Oadr3SchemaCheck}). Catalogue and target keys: conformance-tests/README.md,
 * "oadr31-vtn coverage".
 */
public final class Oadr31VtnSuite implements Suite {

    @Override
    public String name() {
        return "oadr31-vtn";
    }

    @Override
    public String description() {
        return "plays OpenADR 3.1 BL and VEN clients (REST, OAuth2 bearer tokens, webhooks, MQTT) against a 3.1 VTN";
    }

    @Override
    public String catalogueVersion() {
        return "1";
    }

    @Override
    public Map<String, String> capabilities() {
        return Map.of();
    }

    @Override
    public List<ConformanceCase> cases() {
        List<ConformanceCase> all = new ArrayList<>();
        all.addAll(AuthCases.cases());
        all.addAll(PrivacyCases.cases());
        all.addAll(ListCases.cases());
        all.addAll(CrudCases.cases());
        all.addAll(ErrorCases.cases());
        all.addAll(NotifierCases.cases());
        return List.copyOf(all);
    }
}
