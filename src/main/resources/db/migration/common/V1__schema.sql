-- Roster's schema. The same SQL runs on SQLite and PostgreSQL; booleans are BOOLEAN, times are epoch milliseconds.
-- *_key columns hold the case-folded text that uniqueness and search use.

CREATE TABLE users (
    id                      TEXT    PRIMARY KEY,
    username                TEXT    NOT NULL,
    username_key            TEXT    NOT NULL UNIQUE,
    name                    TEXT    NOT NULL,
    name_key                TEXT    NOT NULL,
    email                   TEXT    NOT NULL,
    email_key               TEXT    NOT NULL UNIQUE,
    email_verified          BOOLEAN NOT NULL,
    password_hash           TEXT    NOT NULL,
    require_password_change BOOLEAN NOT NULL,
    active                  BOOLEAN NOT NULL,
    status                  TEXT    NOT NULL,
    status_text             TEXT,
    status_livechat         TEXT,
    created_at              BIGINT  NOT NULL,
    updated_at              BIGINT  NOT NULL
);
CREATE INDEX users_username ON users (username);

CREATE TABLE roles (
    name        TEXT    PRIMARY KEY,
    description TEXT    NOT NULL,
    protected   BOOLEAN NOT NULL
);
INSERT INTO roles (name, description, protected) VALUES
    ('admin', 'Admin', TRUE),
    ('user', 'User', TRUE),
    ('bot', 'Bot', TRUE),
    ('guest', 'Guest', TRUE),
    ('livechat-agent', 'Livechat Agent', TRUE),
    ('livechat-manager', 'Livechat Manager', TRUE),
    ('livechat-monitor', 'Livechat Monitor', TRUE);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL REFERENCES roles (name),
    PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_by_role ON user_roles (role, user_id);

CREATE TABLE login_tokens (
    token_hash TEXT   PRIMARY KEY,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE INDEX login_tokens_by_user ON login_tokens (user_id);

CREATE TABLE permissions (
    id         TEXT   PRIMARY KEY,
    updated_at BIGINT NOT NULL
);

CREATE TABLE permission_roles (
    permission_id TEXT NOT NULL REFERENCES permissions (id) ON DELETE CASCADE,
    role          TEXT NOT NULL REFERENCES roles (name),
    PRIMARY KEY (permission_id, role)
);
CREATE INDEX permission_roles_by_role ON permission_roles (role, permission_id);

-- Default grants (contract §5); a permission that lists only admin is admin-only.
INSERT INTO permissions (id, updated_at) VALUES
    ('view-livechat-manager', 1764547200000),
    ('manage-livechat-agents', 1764547200000),
    ('manage-livechat-managers', 1764547200000),
    ('transfer-livechat-guest', 1764547200000),
    ('edit-omnichannel-contact', 1764547200000),
    ('view-l-room', 1764547200000),
    ('view-d-room', 1764547200000),
    ('api-bypass-rate-limit', 1764547200000),
    ('access-permissions', 1764547200000),
    ('create-user', 1764547200000),
    ('delete-user', 1764547200000),
    ('assign-admin-role', 1764547200000),
    ('edit-other-user-info', 1764547200000);

INSERT INTO permission_roles (permission_id, role) VALUES
    ('view-livechat-manager', 'admin'), ('view-livechat-manager', 'livechat-manager'), ('view-livechat-manager', 'livechat-monitor'),
    ('manage-livechat-agents', 'admin'), ('manage-livechat-agents', 'livechat-manager'), ('manage-livechat-agents', 'livechat-monitor'),
    ('manage-livechat-managers', 'admin'), ('manage-livechat-managers', 'livechat-manager'),
    ('transfer-livechat-guest', 'admin'), ('transfer-livechat-guest', 'livechat-manager'), ('transfer-livechat-guest', 'livechat-monitor'),
    ('edit-omnichannel-contact', 'admin'), ('edit-omnichannel-contact', 'livechat-manager'), ('edit-omnichannel-contact', 'livechat-agent'),
    ('view-l-room', 'admin'), ('view-l-room', 'livechat-manager'), ('view-l-room', 'livechat-monitor'), ('view-l-room', 'livechat-agent'),
    ('view-d-room', 'admin'), ('view-d-room', 'user'),
    ('api-bypass-rate-limit', 'admin'), ('api-bypass-rate-limit', 'bot'),
    ('access-permissions', 'admin'),
    ('create-user', 'admin'),
    ('delete-user', 'admin'),
    ('assign-admin-role', 'admin'),
    ('edit-other-user-info', 'admin');
