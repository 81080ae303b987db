package dev.roster.users;

/** A user as the API sees it. The password hash is deliberately not here, so no response can carry it. */
public record User(
        String id,
        String username,
        String name,
        String email,
        boolean emailVerified,
        boolean requirePasswordChange,
        boolean active,
        String status,
        String statusText,
        String statusLivechat,
        long createdAt,
        long updatedAt) {}
