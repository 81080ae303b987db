package dev.roster.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A cache of what the database says about users, kept true by {@link Changes}: when a user changes, every value
 * about that user is dropped. A value read while a change was being announced is not kept, so a slow read can
 * never put back what a change has just invalidated.
 *
 * @param <K> the key (a token hash, a user id)
 * @param <V> what the database says for it
 */
public final class UserCache<K, V> implements Changes.Listener {
    private final Changes changes;
    private final Function<V, String> userOf;
    private final int maxSize;
    private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<K>> keysByUser = new ConcurrentHashMap<>();

    /** {@code userOf} names the user a value is about; past {@code maxSize} values the cache starts over. */
    public UserCache(Changes changes, Function<V, String> userOf, int maxSize) {
        this.changes = changes;
        this.userOf = userOf;
        this.maxSize = maxSize;
        changes.listen(this);
    }

    /** The cached value, or what {@code load} reads (null: nothing, which is not cached). */
    public V get(K key, Function<K, V> load) {
        V cached = values.get(key);
        if (cached != null) return cached;
        long before = changes.epoch();
        V loaded = load.apply(key);
        if (loaded == null) return null;
        if (values.size() >= maxSize) changedAll();
        values.put(key, loaded);
        keysByUser.computeIfAbsent(userOf.apply(loaded), u -> ConcurrentHashMap.newKeySet()).add(key);
        // A change announced while we read may have come after the read: then what we read is not kept. A change
        // announced after this check finds the key in keysByUser and drops it.
        if (changes.epoch() != before) values.remove(key, loaded);
        return loaded;
    }

    @Override
    public void changed(String userId) {
        Set<K> keys = keysByUser.remove(userId);
        if (keys != null) keys.forEach(values::remove);
    }

    @Override
    public void changedAll() {
        values.clear();
        keysByUser.clear();
    }
}
