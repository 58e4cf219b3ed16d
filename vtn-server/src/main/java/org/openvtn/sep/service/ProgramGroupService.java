package org.openvtn.sep.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.core.Program;
import org.openvtn.core.ProgramService;
import org.openvtn.sep.store.JdbcProgramGroupStore;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Which EndDevices a program's FunctionSetAssignments is offered to (IEEE 2030.5-2018 §6.5: "FunctionSetAssignments
 * ... assigned to a group of devices"; CSIP BASIC-002/003 group membership). A program without groups is offered to
 * every EndDevice; with groups, only to EndDevices the operator put in one of them ({@code PUT
 * /api/v1/sep/devices/{lfdi}/groups}). Anything below {@code /edev/{e}/fsa/{p}}, {@code /derp/{p}}, {@code /drp/{p}},
 * {@code /tp/{p}} and {@code /msg/{p}} of a program the EndDevice is not offered answers 404, as an unknown program.
 * A change notifies the FunctionSetAssignmentsList subscribers (change kind {@code fsa}).
 */
public final class ProgramGroupService {
    private static final int MAX_GROUPS = 64;
    private final JdbcProgramGroupStore store;
    private final JdbcSepRecordStore records;
    private final ProgramService programs;
    private final Clock clock;

    public ProgramGroupService(JdbcProgramGroupStore store, JdbcSepRecordStore records, ProgramService programs,
                               Clock clock) {
        this.store = store;
        this.records = records;
        this.programs = programs;
        this.clock = clock;
    }

    /**
     * Sets the groups a program is offered to (empty: every EndDevice).
     *
     * @throws IllegalArgumentException naming {@code programId} or {@code groupIds}
     */
    public void set(String programId, List<String> groupIds) {
        if (programs.get(programId).isEmpty()) {
            throw new IllegalArgumentException("programId: unknown program " + programId);
        }
        if (groupIds.size() > MAX_GROUPS || groupIds.stream().anyMatch(g -> g == null || g.isBlank()
                || g.length() > 128 || g.contains(","))) {
            throw new IllegalArgumentException("groupIds: at most " + MAX_GROUPS + " non-empty group ids of up to 128"
                    + " characters without commas");
        }
        store.put(programId, groupIds);
        records.recordChange("fsa", null, programId, clock.instant());
    }

    /** @return the groups a program is offered to; empty when offered to every EndDevice */
    public Set<String> groups(String programId) {
        return store.all().getOrDefault(programId, Set.of());
    }

    /** @return whether the program is offered to some groups only */
    public boolean restricted(String programId) {
        return store.all().containsKey(programId);
    }

    /** @return whether the EndDevice is offered the program */
    public boolean offered(SepEndDevice device, String programId) {
        Set<String> groups = store.all().get(programId);
        return groups == null || groups.stream().anyMatch(device.groupIds()::contains);
    }

    /** @return the programs of {@code all} the EndDevice is offered, in the same order */
    public List<Program> offered(SepEndDevice device, List<Program> all) {
        Map<String, Set<String>> groups = store.all();
        if (groups.isEmpty()) {
            return all;
        }
        return all.stream().filter(p -> !groups.containsKey(p.id())
                || groups.get(p.id()).stream().anyMatch(device.groupIds()::contains)).toList();
    }
}
