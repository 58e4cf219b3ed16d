package org.openvtn.conformance.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.Suite;

/** A tiny suite for testing the framework: cases are lambdas. */
public final class FakeSuite implements Suite {

    /** A case body. */
    @FunctionalInterface
    public interface Body {
        void run(CaseContext ctx) throws Exception;
    }

    private final String name;
    private final Map<String, String> capabilities = new LinkedHashMap<>();
    private final List<ConformanceCase> cases = new ArrayList<>();

    public FakeSuite(String name) {
        this.name = name;
    }

    public FakeSuite capability(String cap, String meaning) {
        capabilities.put(cap, meaning);
        return this;
    }

    public FakeSuite add(String id, Body body) {
        return add(new CaseInfo(id, List.of(id), "title of " + id, "spec " + id, Requirement.MUST, "VEN",
                "simpleHttp-pull", Set.of()), body);
    }

    public FakeSuite add(CaseInfo info, Body body) {
        cases.add(new ConformanceCase() {
            @Override
            public CaseInfo info() {
                return info;
            }

            @Override
            public void run(CaseContext context) throws Exception {
                body.run(context);
            }
        });
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "fake suite for framework tests";
    }

    @Override
    public String catalogueVersion() {
        return "0.0.1-test";
    }

    @Override
    public Map<String, String> capabilities() {
        return capabilities;
    }

    @Override
    public List<ConformanceCase> cases() {
        return cases;
    }
}
