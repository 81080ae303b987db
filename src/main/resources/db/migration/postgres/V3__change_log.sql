-- How nodes sharing one PostgreSQL learn what changed (store/Changes): a version that every change of a user
-- takes the next number of (its row lock orders changes as they commit), and the user each number changed.
CREATE TABLE change_clock (
    version BIGINT NOT NULL
);
INSERT INTO change_clock (version) VALUES (0);

CREATE TABLE user_changes (
    version BIGINT PRIMARY KEY,
    user_id TEXT            -- NULL: anything may have changed (a permission's grants)
);
