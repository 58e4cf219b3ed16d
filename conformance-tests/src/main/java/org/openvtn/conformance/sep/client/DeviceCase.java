package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Set;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;

/**
 * One row of the {@code sep-client} catalogue: the suite plays the 2030.5 server. An action or observation the
 * declared driver cannot carry out ends the case SKIPPED naming it; an automation interface error ends it FAIL.
 */
record DeviceCase(CaseInfo info, Body body, SepDeviceHarness preset) implements ConformanceCase {

    static final String ROLE = "server";
    static final String TRANSPORT = "https";

    @FunctionalInterface
    interface Body {
        void run(DeviceSteps s) throws Exception;
    }

    static DeviceCase of(List<String> ids, String title, String rule, Set<String> requires, Body body) {
        return new DeviceCase(new CaseInfo(ids.get(0), ids, title, rule, Requirement.MUST, ROLE, TRANSPORT, requires),
                body, null);
    }

    static DeviceCase of(List<String> ids, String title, String rule, Body body) {
        return of(ids, title, rule, Set.of(), body);
    }

    /** The same row served by a harness started before the run (the device under test was pointed at it). */
    DeviceCase with(SepDeviceHarness harness) {
        return new DeviceCase(info, body, harness);
    }

    @Override
    public void run(CaseContext ctx) throws Exception {
        DeviceSteps s = new DeviceSteps(ctx, preset);
        ctx.note("harness 2030.5 server at " + s.harness().dcapUrl() + "; device driven by " + s.driver().describe());
        try {
            body.run(s);
        } catch (UnsupportedOperationException e) {
            throw ctx.skip(e.getMessage());
        } catch (AdminClient.AdminException e) {
            throw ctx.fail("device.automation", "", "the device's automation interface refused the action (HTTP "
                    + e.status() + "): " + e.getMessage());
        } finally {
            s.harness().edit(sc -> sc.unavailable = false);
        }
    }
}
