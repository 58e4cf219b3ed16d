package org.openvtn.admin;

import java.util.List;
import java.util.Map;
import org.openvtn.admin.api.GroupsInput;
import org.openvtn.sep.service.ProgramGroupService;

/**
 * Admin API of the groups a program's 2030.5 FunctionSetAssignments is offered to (docs/ieee-2030.5.md "Groups";
 * IEEE 2030.5-2018 §6.5; CSIP BASIC-002/003): {@code GET/PUT /sep/programs/{id}/groups}, {@code {"groupIds": [...]}},
 * an empty list offering it to every EndDevice again.
 */
final class AdminSepProgramGroups {
    private static final String GROUPS = "/sep/programs/{id}/groups";
    private final ProgramGroupService groups;

    AdminSepProgramGroups(ProgramGroupService groups) {
        this.groups = groups;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get(GROUPS, AdminSep.guard(c -> view(c.param("id")))),
                AdminRoute.put(GROUPS, AdminSep.guard(c -> {
                    GroupsInput b = c.body(GroupsInput.class);
                    groups.set(c.param("id"), List.copyOf(AdminJson.strings(b.groupIds(), "groupIds")));
                    return view(c.param("id"));
                })));
    }

    private Map<String, Object> view(String programId) {
        return Map.of("programId", programId, "groupIds", List.copyOf(groups.groups(programId)));
    }
}
