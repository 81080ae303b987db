import dev.roster.auth.Passwords;
import dev.roster.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Fills a Roster database with N realistic users straight over JDBC, for the benchmark.
 *
 * <pre>java -cp target/roster.jar bench/Seed.java --url DATABASE_URL --users N [--samples DIR] [--seed 42]</pre>
 *
 * The schema comes from Roster itself (Database.open runs its Flyway migrations). Every seeded user shares one
 * bcrypt hash of {@value #PASSWORD}, so seeding costs no bcrypt per user and every seeded user can log in.
 * Rows are what Roster itself would write: Meteor-style ids, *_key columns folded like CaseFolding.fold, the role
 * "user" for everyone, 1% "livechat-agent" (with status_livechat set as RoleAssignments.grant sets it) and 0.2%
 * "livechat-manager". With --samples, writes the files the wrk scripts pick from: usernames.txt (active users
 * holding no staff role, for register and login) and texts.txt (search fragments that match some agents).
 */
public final class Seed {
    static final String PASSWORD = "bench-password";
    private static final String ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int BATCH = 50_000;

    private static final String[] FIRST = {
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
        "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
        "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
        "María", "José", "Lucía", "Javier", "Sofía", "Alejandro", "Valentina", "Mateo", "Camila", "Santiago",
        "João", "Ana", "Gonçalo", "Beatriz", "Luís", "Inês", "François", "Amélie", "Hélène", "Jérôme",
        "Zoë", "Chloé", "Noël", "Léa", "Jürgen", "Müller", "Jörg", "Käthe", "Lukas", "Hannah",
        "Søren", "Ingrid", "Bjørn", "Åsa", "Øystein", "Sigrid", "Łukasz", "Małgorzata", "Wojciech", "Agnieszka",
        "Jiří", "Tereza", "Ondřej", "Dvořák", "Mehmet", "Ayşe", "Çağla", "Emre", "Olga", "Dmitri",
        "Ivan", "Natalia", "Aleksandra", "Yusuf", "Fatima", "Omar", "Aisha", "Ali", "Layla", "Hassan",
        "Priya", "Arjun", "Ananya", "Rohan", "Wei", "Li", "Mei", "Jun", "Hiroshi", "Yuki",
        "Sakura", "Kenji", "Min-jun", "Seo-yeon", "Thanh", "Linh", "Kwame", "Amara", "Chidi", "Nia",
        "Siobhán", "Seán", "Aoife", "Eoin", "Giulia", "Marco", "Francesca", "Lorenzo", "Elena", "Nikos",
    };
    private static final String[] LAST = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz",
        "Silva", "Santos", "Oliveira", "Conceição", "Gonçalves", "Dubois", "Lefèvre", "Moreau", "Girard", "Bérénger",
        "Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Schäfer", "Köhler", "Groß", "Hoffmann", "Krüger",
        "Andersen", "Jørgensen", "Sørensen", "Nilsson", "Åkesson", "Kowalski", "Wiśniewski", "Wójcik", "Zieliński", "Łęcki",
        "Novák", "Dvořák", "Černý", "Procházka", "Yılmaz", "Kaya", "Demir", "Çelik", "Öztürk", "Ivanov",
        "Petrova", "Smirnov", "Kuznetsova", "Popescu", "Horváth", "Nagy", "Papadopoulos", "Rossi", "Russo", "Ferrari",
        "Esposito", "Bianchi", "Romano", "Khan", "Ahmed", "Hussain", "Haddad", "Mansour", "Patel", "Sharma",
        "Singh", "Gupta", "Reddy", "Wang", "Zhang", "Liu", "Chen", "Yang", "Tanaka", "Suzuki",
        "Watanabe", "Kim", "Park", "Choi", "Tran", "Pham", "Mensah", "Okafor", "Adeyemi", "O'Brien",
    };
    private static final String[] DOMAINS = {
        "example.com", "example.org", "example.net", "mail.example.com", "support.example.org", "acme.example",
        "contoso.example", "globex.example", "initech.example", "umbrella.example", "staff.example.net", "helpdesk.example",
    };
    private static final String[] STATUS_TEXTS = {"In a meeting", "Back at 2pm", "On holiday", "Lunch", "Working remotely"};
    // Candidate search fragments, as an operator would type them; only those matching some agent are kept.
    private static final String[] FRAGMENTS = {
        "mar", "son", "ann", "ber", "ez", "li", "ova", "jo", "sch", "chen", "ali", "ng", "mü", "ø", "san", "example.org",
        "kim", "ric", "tt", "é",
    };

    record Row(String id, String username, String name, String email, boolean emailVerified, boolean active,
               String status, String statusText, String statusLivechat, long createdAt, long updatedAt,
               boolean agent, boolean manager) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String url = required(opt, "url");
        int n = Integer.parseInt(required(opt, "users"));
        long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
        Path samples = opt.containsKey("samples") ? Path.of(opt.get("samples")) : null;

        long started = System.nanoTime();
        String hash = new Passwords().hash(PASSWORD);
        Generator gen = new Generator(new SplittableRandom(seed), System.currentTimeMillis());
        Samples picked = new Samples(n);
        try (Database db = Database.open(url); Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            if (db.dialect() == Database.Dialect.SQLITE) seedSqlite(c, gen, n, hash, picked);
            else seedPostgres(c, gen, n, hash, picked);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "seed: %d users (%d agents, %d managers) in %.1f s; every seeded user's password is %s%n",
                n, picked.agents, picked.managers, seconds, PASSWORD);
        if (samples != null) picked.write(samples);
    }

    private static void seedSqlite(Connection c, Generator gen, int n, String hash, Samples picked) throws SQLException {
        try (Statement s = c.createStatement()) {
            // Bulk load only: nothing here needs to survive a crash, and the server reopens with its own settings.
            c.setAutoCommit(true);
            s.execute("PRAGMA synchronous = OFF");
            s.execute("PRAGMA cache_size = -524288"); // 512 MiB of page cache keeps the random-key indexes in memory
            s.execute("PRAGMA temp_store = MEMORY");
            c.setAutoCommit(false);
        }
        try (PreparedStatement users = c.prepareStatement(INSERT_USER); PreparedStatement roles = c.prepareStatement(INSERT_ROLE)) {
            for (int i = 0; i < n; i++) {
                Row r = gen.next(i);
                picked.add(i, r);
                int p = 1;
                users.setString(p++, r.id());
                users.setString(p++, r.username());
                users.setString(p++, fold(r.username()));
                users.setString(p++, r.name());
                users.setString(p++, fold(r.name()));
                users.setString(p++, r.email());
                users.setString(p++, fold(r.email()));
                users.setBoolean(p++, r.emailVerified());
                users.setString(p++, hash);
                users.setBoolean(p++, false);
                users.setBoolean(p++, r.active());
                users.setString(p++, r.status());
                users.setString(p++, r.statusText());
                users.setString(p++, r.statusLivechat());
                users.setLong(p++, r.createdAt());
                users.setLong(p, r.updatedAt());
                users.addBatch();
                for (String role : roles(r)) {
                    roles.setString(1, r.id());
                    roles.setString(2, role);
                    roles.addBatch();
                }
                if ((i + 1) % BATCH == 0 || i == n - 1) {
                    users.executeBatch();
                    roles.executeBatch();
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            // The server starts with an empty WAL, as after any clean shutdown.
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /**
     * COPY is PostgreSQL's bulk path; then VACUUM ANALYZE, which autovacuum would run on its own shortly after
     * (the vacuum sets the visibility map, without which index-only scans still read the table).
     */
    private static void seedPostgres(Connection c, Generator gen, int n, String hash, Samples picked) throws Exception {
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<String[]> roleRows = new ArrayList<>(n + n / 50);
        CopyIn users = copy.copyIn("COPY users (id, username, username_key, name, name_key, email, email_key, email_verified, "
                + "password_hash, require_password_change, active, status, status_text, status_livechat, created_at, updated_at) FROM STDIN");
        StringBuilder sb = new StringBuilder(1 << 20);
        for (int i = 0; i < n; i++) {
            Row r = gen.next(i);
            picked.add(i, r);
            field(sb, r.id()).append('\t');
            field(sb, r.username()).append('\t');
            field(sb, fold(r.username())).append('\t');
            field(sb, r.name()).append('\t');
            field(sb, fold(r.name())).append('\t');
            field(sb, r.email()).append('\t');
            field(sb, fold(r.email())).append('\t');
            sb.append(r.emailVerified() ? 't' : 'f').append('\t');
            field(sb, hash).append('\t');
            sb.append("f\t");
            sb.append(r.active() ? 't' : 'f').append('\t');
            field(sb, r.status()).append('\t');
            field(sb, r.statusText()).append('\t');
            field(sb, r.statusLivechat()).append('\t');
            sb.append(r.createdAt()).append('\t').append(r.updatedAt()).append('\n');
            for (String role : roles(r)) roleRows.add(new String[] {r.id(), role});
            if (sb.length() > (1 << 20) - 4096 || i == n - 1) flush(users, sb);
        }
        users.endCopy();
        CopyIn roles = copy.copyIn("COPY user_roles (user_id, role) FROM STDIN");
        for (String[] rr : roleRows) {
            sb.append(rr[0]).append('\t').append(rr[1]).append('\n');
            if (sb.length() > (1 << 20) - 4096) flush(roles, sb);
        }
        flush(roles, sb);
        roles.endCopy();
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE users");
            s.execute("VACUUM ANALYZE user_roles");
        }
    }

    private static final String INSERT_USER = """
            INSERT INTO users (id, username, username_key, name, name_key, email, email_key, email_verified,
                               password_hash, require_password_change, active, status, status_text,
                               status_livechat, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ROLE = "INSERT INTO user_roles (user_id, role) VALUES (?, ?)";

    private static List<String> roles(Row r) {
        List<String> roles = new ArrayList<>(2);
        roles.add("user");
        if (r.agent()) roles.add("livechat-agent");
        if (r.manager()) roles.add("livechat-manager");
        return roles;
    }

    /** Exactly CaseFolding.fold (not called, so that a change there shows up as a mismatch in review). */
    static String fold(String s) {
        return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static StringBuilder field(StringBuilder sb, String value) {
        if (value == null) return sb.append("\\N");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
        return sb;
    }

    private static void flush(CopyIn copy, StringBuilder sb) throws SQLException {
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        sb.setLength(0);
    }

    /** Deterministic users from a seeded PRNG; usernames unique by a per-base counter. */
    static final class Generator {
        private static final long THREE_YEARS = 3L * 365 * 24 * 3600 * 1000;
        private final SplittableRandom rnd;
        private final long now;
        private final Map<String, Integer> taken = new HashMap<>();

        Generator(SplittableRandom rnd, long now) {
            this.rnd = rnd;
            this.now = now;
        }

        Row next(int i) {
            String first = FIRST[rnd.nextInt(FIRST.length)];
            String last = LAST[rnd.nextInt(LAST.length)];
            String f = ascii(first), l = ascii(last);
            String base = switch (rnd.nextInt(4)) {
                case 0 -> f + "." + l;
                case 1 -> f.charAt(0) + l;
                case 2 -> f + "_" + l;
                default -> f + l.charAt(0);
            };
            // Bases end in a letter, so base + counter can never equal another base.
            int seen = taken.merge(base, 1, Integer::sum);
            String username = seen == 1 ? base : base + seen;
            String name = rnd.nextInt(20) == 0 ? first + " " + FIRST[rnd.nextInt(FIRST.length)] + " " + last : first + " " + last;
            String email = username + "@" + DOMAINS[rnd.nextInt(DOMAINS.length)];
            boolean agent = i % 100 == 0;
            boolean manager = i % 500 == 250;
            int s = rnd.nextInt(100);
            String status = s < 70 ? "offline" : s < 90 ? "online" : s < 97 ? "away" : "busy";
            String statusText = rnd.nextInt(20) == 0 ? STATUS_TEXTS[rnd.nextInt(STATUS_TEXTS.length)] : null;
            // As RoleAssignments.grant: an agent is available while its presence is anything but offline.
            String statusLivechat = agent ? (status.equals("offline") ? "not-available" : "available") : null;
            boolean active = agent || manager || rnd.nextInt(100) != 0;
            long created = now - (long) (rnd.nextDouble() * THREE_YEARS);
            long updated = created + (long) (rnd.nextDouble() * (now - created));
            return new Row(id(), username, name, email, rnd.nextInt(5) != 0, active, status, statusText,
                    statusLivechat, created, updated, agent, manager);
        }

        private String id() {
            char[] id = new char[17];
            for (int k = 0; k < id.length; k++) id[k] = ID_ALPHABET.charAt(rnd.nextInt(ID_ALPHABET.length()));
            return new String(id);
        }

        /** A name as a username may spell it: ASCII letters only. */
        private static String ascii(String name) {
            String s = name.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
                    .replace("ß", "ss").replace("ı", "i").replace("'", "").replace("-", "");
            s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            return s.toLowerCase(Locale.ROOT);
        }
    }

    /** What the wrk scripts need from the seeded data. */
    static final class Samples {
        private static final int MAX_USERNAMES = 5000;
        private final int step;
        private final List<String> usernames = new ArrayList<>();
        private final List<String> agentKeys = new ArrayList<>();
        int agents, managers;

        Samples(int n) {
            step = Math.max(1, n / MAX_USERNAMES);
        }

        void add(int i, Row r) {
            if (r.agent()) {
                agents++;
                agentKeys.add(fold(r.username()) + "\n" + fold(r.name()) + "\n" + fold(r.email()));
            }
            if (r.manager()) managers++;
            if (i % step == 7 % step && !r.agent() && !r.manager() && r.active()) usernames.add(r.username());
        }

        void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            Files.write(dir.resolve("usernames.txt"), usernames, StandardCharsets.UTF_8);
            // Matches counted as Roster's search counts them: a substring of username, name or email, folded.
            Map<String, Integer> texts = new LinkedHashMap<>();
            for (String fragment : FRAGMENTS) {
                String key = fold(fragment);
                int matches = 0;
                for (String keys : agentKeys) if (keys.contains(key)) matches++;
                if (matches > 0) texts.put(fragment, matches);
            }
            List<String> lines = new ArrayList<>();
            texts.forEach((t, m) -> lines.add(t + "\t" + m));
            Files.write(dir.resolve("texts.txt"), lines, StandardCharsets.UTF_8);
            System.out.println("seed: " + usernames.size() + " sample usernames, search fragments (agents matched): " + texts);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) usage("bad argument " + args[i]);
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }

    private static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) usage("--" + name + " is required");
        return v;
    }

    private static void usage(String why) {
        System.err.println("seed: " + why + "\nusage: java -cp target/roster.jar bench/Seed.java --url DATABASE_URL --users N [--samples DIR] [--seed 42]");
        System.exit(2);
    }
}
