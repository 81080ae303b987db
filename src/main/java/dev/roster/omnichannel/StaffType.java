package dev.roster.omnichannel;

import dev.roster.api.ApiError;
import dev.roster.roles.RoleAssignments;

/** The :type of livechat/users/:type and the role it stands for. */
public enum StaffType {
    AGENT("agent", RoleAssignments.AGENT),
    MANAGER("manager", RoleAssignments.MANAGER);

    final String path;
    final String role;

    StaffType(String path, String role) {
        this.path = path;
        this.role = role;
    }

    static StaffType parse(String type) {
        for (StaffType t : values()) if (t.path.equals(type)) return t;
        throw ApiError.plain(400, "Invalid type");
    }
}
