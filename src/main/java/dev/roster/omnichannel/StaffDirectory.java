package dev.roster.omnichannel;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.roster.api.Json;
import dev.roster.api.Page;
import dev.roster.roles.RoleAssignments;
import dev.roster.store.Changes;
import dev.roster.users.CaseFolding;
import dev.roster.users.User;
import dev.roster.users.UserStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The agents and managers, in memory, for the staff lists: they are a small share of all users, and a list must
 * not cost more as the users grow. It answers exactly as {@link UserStore#search} would (same filters, same
 * literal case-folded text match, same order, ties broken by id) and is kept true by {@link Changes}: every
 * change of a user marks it, and the next list reads the marked users again before it answers.
 *
 * <p>A list is a slice of the members sorted once per order; a text search looks only at the members on the
 * index's list for its one to three characters (exact), or on the lists of all its three-character sequences (then
 * checked). Both survive changes that do not touch what they depend on (a presence change keeps the name order
 * and the index).
 */
public final class StaffDirectory implements Changes.Listener {
    /** Past this many marked users, reading them all again is cheaper than reading them one by one. */
    private static final int RELOAD_ALL_ABOVE = 2_000;
    private static final String STAFF = "'" + RoleAssignments.AGENT + "', '" + RoleAssignments.MANAGER + "'";

    /** A page of members as list items, and how many members the filter kept in all. */
    public record Listed(List<RawValue> items, long total) {}

    /**
     * One member: the user, the case-folded keys the text search matches, and its list item as JSON, rendered the
     * first time a list shows it (a member is replaced, never changed, so it stays right).
     */
    static final class Member {
        private final User user;
        private final String usernameKey;
        private final String nameKey;
        private final String emailKey;
        private volatile RawValue listItem;

        Member(User user, String usernameKey, String nameKey, String emailKey) {
            this.user = user;
            this.usernameKey = usernameKey;
            this.nameKey = nameKey;
            this.emailKey = emailKey;
        }

        User user() {
            return user;
        }

        RawValue listItem() {
            RawValue json = listItem;
            if (json == null) listItem = json = new RawValue(new String(Json.write(StaffViews.listItem(user)), StandardCharsets.UTF_8));
            return json;
        }

        boolean contains(String folded) {
            return usernameKey.contains(folded) || nameKey.contains(folded) || emailKey.contains(folded);
        }

        boolean sameText(Member other) {
            return usernameKey.equals(other.usernameKey) && nameKey.equals(other.nameKey) && emailKey.equals(other.emailKey);
        }

        List<String> keys() {
            return List.of(usernameKey, nameKey, emailKey);
        }
    }

    private final Jdbi jdbi;
    private final Set<String> marked = ConcurrentHashMap.newKeySet();
    private final AtomicLong announced = new AtomicLong();
    private volatile long applied = -1; // -1: nothing loaded yet
    private volatile boolean reloadAll = true;
    /** Replaced whole, never changed in place, so a reader always sees one moment. */
    private volatile Map<StaffType, Members> members = Map.of();

    public StaffDirectory(Jdbi jdbi, Changes changes) {
        this.jdbi = jdbi;
        changes.listen(this);
    }

    @Override
    public void changed(String userId) {
        marked.add(userId);
        announced.incrementAndGet();
    }

    @Override
    public void changedAll() {
        reloadAll = true;
        announced.incrementAndGet();
    }

    /** One page of the type's members that the filter keeps, and how many it keeps in all. */
    public Listed search(StaffType type, UserStore.Filter filter, Page page) {
        Members current = upToDate().get(type);
        String text = filter.text() == null || filter.text().isEmpty() ? null : CaseFolding.fold(filter.text());
        Predicate<User> keep = keep(filter);
        List<RawValue> slice = new ArrayList<>();
        int limit = page.count() == 0 ? Integer.MAX_VALUE : page.count();
        long total;
        if (text == null && !filtered(filter)) {
            String[] order = current.order(page.sort());
            total = order.length; // the common case: a page of all members, without looking at the others
            for (int i = page.offset(); i < order.length && slice.size() < limit; i++) slice.add(current.byId.get(order[i]).listItem());
        } else if (text != null && text.length() <= Grams.LONGEST && !filtered(filter) && page.sort().equals(Members.GRAM_ORDER)) {
            // The common search: the index's list is the answer, in order, so only the page is read.
            Grams grams = current.grams();
            int[] exact = grams.exact(text);
            total = exact.length;
            for (int i = page.offset(); i < exact.length && slice.size() < limit; i++) slice.add(grams.member(exact[i], current.byId).listItem());
        } else if (text != null) {
            // Candidates come in name order; a page in another order sorts only them.
            List<Member> found = current.grams().candidates(text, current.byId);
            boolean exact = text.length() <= Grams.LONGEST;
            List<Member> kept = new ArrayList<>(found.size());
            for (Member m : found) if ((exact || m.contains(text)) && keep.test(m.user())) kept.add(m);
            if (!page.sort().equals(Members.GRAM_ORDER)) kept.sort(comparator(page.sort()));
            total = kept.size();
            for (int i = page.offset(); i < kept.size() && slice.size() < limit; i++) slice.add(kept.get(i).listItem());
        } else {
            total = 0;
            for (String id : current.order(page.sort())) {
                Member m = current.byId.get(id);
                if (!keep.test(m.user())) continue;
                if (total++ >= page.offset() && slice.size() < limit) slice.add(m.listItem());
            }
        }
        return new Listed(slice, total);
    }

    /** Whether the filter keeps fewer than all members that match its text. */
    private static boolean filtered(UserStore.Filter f) {
        return f.onlyAvailable() || f.excludeId() != null || f.hideOffline();
    }

    private static Predicate<User> keep(UserStore.Filter f) {
        return u -> (!f.onlyAvailable() || StaffService.AVAILABLE.equals(u.statusLivechat()))
                && (f.excludeId() == null || !f.excludeId().equals(u.id()))
                && (!f.hideOffline() || !"offline".equals(u.status()));
    }

    /** The members as of every change announced before this call. */
    private Map<StaffType, Members> upToDate() {
        if (applied == announced.get()) return members;
        synchronized (this) {
            long target = announced.get(); // changes announced from here on are applied next time
            if (applied == target) return members;
            if (reloadAll || applied < 0 || marked.size() > RELOAD_ALL_ABOVE) {
                reloadAll = false;
                marked.clear();
                loadAll();
            } else {
                List<String> ids = new ArrayList<>();
                for (String id : marked) {
                    marked.remove(id);
                    ids.add(id);
                }
                reload(ids);
            }
            applied = target;
            return members;
        }
    }

    private void loadAll() {
        Map<StaffType, Map<String, Member>> loaded = new EnumMap<>(StaffType.class);
        for (StaffType t : StaffType.values()) loaded.put(t, new HashMap<>());
        jdbi.useHandle(h -> h.createQuery("SELECT r.role, u.username_key, u.name_key, u.email_key, " + UserStore.COLUMNS
                        + " FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role IN (" + STAFF + ")")
                .map((rs, ctx) -> Map.entry(rs.getString("role"), member(rs, ctx)))
                .forEach(e -> loaded.get(type(e.getKey())).put(e.getValue().user().id(), e.getValue())));
        Map<StaffType, Members> next = new EnumMap<>(StaffType.class);
        for (StaffType t : StaffType.values()) next.put(t, new Members(Map.copyOf(loaded.get(t)), null, null));
        members = next;
    }

    /** Reads the marked users again and applies what each now is: a member of which types, with what fields. */
    private void reload(List<String> ids) {
        if (ids.isEmpty()) return;
        Map<StaffType, Map<String, Member>> now = new EnumMap<>(StaffType.class);
        for (StaffType t : StaffType.values()) now.put(t, new HashMap<>());
        jdbi.useHandle(h -> h.createQuery("SELECT r.role, u.username_key, u.name_key, u.email_key, " + UserStore.COLUMNS
                        + " FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role IN (" + STAFF + ")"
                        + " WHERE u.id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString("role"), member(rs, ctx)))
                .forEach(e -> now.get(type(e.getKey())).put(e.getValue().user().id(), e.getValue())));
        Map<StaffType, Members> next = new EnumMap<>(StaffType.class);
        for (StaffType t : StaffType.values()) {
            Members before = members.get(t);
            Map<String, Member> after = new HashMap<>(before.byId);
            boolean textOrMembership = false;
            boolean sortFields = false;
            for (String id : ids) {
                Member old = before.byId.get(id);
                Member fresh = now.get(t).get(id);
                if (fresh == null) after.remove(id);
                else after.put(id, fresh);
                if (old == null || fresh == null) {
                    textOrMembership |= old != fresh;
                } else {
                    textOrMembership |= !old.sameText(fresh) || !old.user().name().equals(fresh.user().name())
                            || !old.user().username().equals(fresh.user().username()) || !old.user().email().equals(fresh.user().email());
                    sortFields |= !old.user().status().equals(fresh.user().status())
                            || !java.util.Objects.equals(old.user().statusLivechat(), fresh.user().statusLivechat());
                }
            }
            // What the changes did not touch is kept: the name order and the text index survive a presence change.
            next.put(t, textOrMembership ? new Members(Map.copyOf(after), null, null)
                    : new Members(Map.copyOf(after), before.keepOrders(sortFields), before.gramsIfBuilt()));
        }
        members = next;
    }

    private static Member member(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new Member(UserStore.USER.map(rs, ctx), rs.getString("username_key"), rs.getString("name_key"), rs.getString("email_key"));
    }

    private static StaffType type(String role) {
        return role.equals(RoleAssignments.AGENT) ? StaffType.AGENT : StaffType.MANAGER;
    }

    // ---- order

    /** The order of a sort: its keys in turn, ties by id (ascending), text by code point as both databases sort it. */
    static Comparator<Member> comparator(List<Page.SortKey> sort) {
        Comparator<Member> order = null;
        boolean byId = false;
        for (Page.SortKey key : sort) {
            Comparator<Member> c = switch (key.field()) {
                case "_id" -> by(m -> m.user().id());
                case "username" -> by(m -> m.user().username());
                case "name" -> by(m -> m.user().name());
                case "status" -> by(m -> m.user().status());
                case "emails.address" -> by(m -> m.user().email());
                case "statusLivechat" -> Comparator.<Member, Boolean>comparing(m -> m.user().statusLivechat() != null)
                        .thenComparing(by(m -> m.user().statusLivechat() == null ? "" : m.user().statusLivechat()));
                default -> throw new IllegalArgumentException("not a sort field: " + key.field());
            };
            if (!key.ascending()) c = c.reversed();
            order = order == null ? c : order.thenComparing(c);
            byId |= key.field().equals("_id");
        }
        Comparator<Member> ties = by(m -> m.user().id());
        return order == null ? ties : byId ? order : order.thenComparing(ties);
    }

    private static Comparator<Member> by(java.util.function.Function<Member, String> field) {
        return (a, b) -> compareCodePoints(field.apply(a), field.apply(b));
    }

    /** Code-point order, which is UTF-8 byte order: SQLite's BINARY and PostgreSQL's "C" collation. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /**
     * One type's members at one moment, immutable; the orders and the text index are computed when first asked
     * for and kept as long as nothing they depend on changes.
     */
    private static final class Members {
        final Map<String, Member> byId;
        private final ConcurrentHashMap<List<Page.SortKey>, String[]> orders;
        /** The order of the text index's candidates: the lists' default. */
        static final List<Page.SortKey> GRAM_ORDER = List.of(StaffHandlers.BY_NAME);
        private volatile Grams grams;

        Members(Map<String, Member> byId, ConcurrentHashMap<List<Page.SortKey>, String[]> orders, Grams grams) {
            this.byId = byId;
            this.orders = orders != null ? orders : new ConcurrentHashMap<>();
            this.grams = grams;
        }

        String[] order(List<Page.SortKey> sort) {
            return orders.computeIfAbsent(List.copyOf(sort), s -> byId.values().stream().sorted(comparator(s))
                    .map(m -> m.user().id()).toArray(String[]::new));
        }

        Grams grams() {
            Grams g = grams;
            if (g == null) {
                synchronized (this) {
                    if (grams == null) grams = new Grams(Arrays.stream(order(GRAM_ORDER)).map(byId::get).toList());
                    g = grams;
                }
            }
            return g;
        }

        Grams gramsIfBuilt() {
            return grams;
        }

        /** The orders that survive changes of presence or availability: those that sort by neither. */
        ConcurrentHashMap<List<Page.SortKey>, String[]> keepOrders(boolean sortFieldsChanged) {
            ConcurrentHashMap<List<Page.SortKey>, String[]> kept = new ConcurrentHashMap<>();
            orders.forEach((sort, ids) -> {
                boolean touched = sortFieldsChanged && sort.stream()
                        .anyMatch(k -> k.field().equals("status") || k.field().equals("statusLivechat"));
                if (!touched) kept.put(sort, ids);
            });
            return kept;
        }
    }

    /**
     * Which members have each sequence of one to three characters in a folded key, members numbered in name order.
     * A text of up to three characters is one list, exact; a longer one is the members on the lists of all its
     * three-character sequences, still to be checked.
     */
    static final class Grams {
        static final int LONGEST = 3;
        private final String[] ids; // not the members: a presence change replaces them and keeps this index
        private final Map<Long, int[]> postings;

        Grams(List<Member> inOrder) {
            ids = inOrder.stream().map(m -> m.user().id()).toArray(String[]::new);
            Map<Long, IntList> building = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                for (String key : inOrder.get(i).keys()) {
                    for (int at = 0; at < key.length(); at++) {
                        for (int length = 1; length <= LONGEST && at + length <= key.length(); length++) {
                            building.computeIfAbsent(gram(key, at, length), k -> new IntList()).addOnce(i);
                        }
                    }
                }
            }
            postings = new HashMap<>(building.size() * 2);
            building.forEach((k, list) -> postings.put(k, list.toArray()));
        }

        private static final int[] NONE = new int[0];

        /** The members with {@code folded} (of at most {@link #LONGEST} characters) in a key, in name order. */
        int[] exact(String folded) {
            int[] found = postings.get(gram(folded, 0, folded.length()));
            return found == null ? NONE : found;
        }

        Member member(int index, Map<String, Member> byId) {
            return byId.get(ids[index]);
        }

        /** The candidates for {@code folded}, in name order. */
        List<Member> candidates(String folded, Map<String, Member> byId) {
            int[] found;
            if (folded.length() <= LONGEST) {
                found = exact(folded);
            } else {
                found = null;
                for (int at = 0; at + LONGEST <= folded.length() && (found == null || found.length > 0); at++) {
                    int[] p = postings.get(gram(folded, at, LONGEST));
                    found = p == null ? NONE : found == null ? p : intersect(found, p);
                }
            }
            List<Member> out = new ArrayList<>(found.length);
            for (int i : found) out.add(byId.get(ids[i]));
            return out;
        }

        private static int[] intersect(int[] a, int[] b) {
            int[] out = new int[Math.min(a.length, b.length)];
            int n = 0;
            for (int i = 0, j = 0; i < a.length && j < b.length; ) {
                if (a[i] < b[j]) i++;
                else if (a[i] > b[j]) j++;
                else { out[n++] = a[i]; i++; j++; }
            }
            return Arrays.copyOf(out, n);
        }

        /** Up to three UTF-16 units and the length in one key (units are below 2^16, so no two grams share one). */
        private static long gram(String s, int at, int length) {
            long g = length;
            for (int k = 0; k < length; k++) g = (g << 16) | s.charAt(at + k);
            return g;
        }
    }

    /** A growing int array that skips a value equal to the last one (members are added in turn). */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void addOnce(int value) {
            if (size > 0 && values[size - 1] == value) return;
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
