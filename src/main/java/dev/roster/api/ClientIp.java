package dev.roster.api;

import dev.roster.Config;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client's IP address, for rate limits, login blocking and the audit log: the connection's peer, unless that
 * peer is a proxy the operator trusts (TRUSTED_PROXIES); then the nearest untrusted address in X-Forwarded-For.
 * Without trusted proxies the header is ignored, so a client cannot choose its own address.
 */
public final class ClientIp {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    /** An address, or a CIDR range like 10.0.0.0/8 or fd00::/8. */
    private record Range(BigInteger network, int bits, int length) {
        boolean contains(InetAddress address) {
            byte[] raw = address.getAddress();
            if (raw.length * 8 != length) return false;
            int drop = length - bits;
            return new BigInteger(1, raw).shiftRight(drop).equals(network.shiftRight(drop));
        }
    }

    private final List<Range> trusted;

    public ClientIp(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(ClientIp::range).toList();
    }

    /** The client address for a connection from {@code peer} that carried {@code forwardedFor} (may be null). */
    public String of(String peer, String forwardedFor) {
        if (trusted.isEmpty() || forwardedFor == null || !isTrusted(peer)) return peer;
        String[] hops = forwardedFor.split(",");
        // Proxies append, so the right end is nearest; the first address not ours is the client.
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            InetAddress address = literal(hop);
            if (address == null) return peer; // a forged or garbled entry: trust nothing beyond our proxy
            if (!isTrusted(address)) return address.getHostAddress();
        }
        return literal(hops[0].trim()).getHostAddress(); // every hop is ours: the farthest is the client
    }

    private boolean isTrusted(String ip) {
        InetAddress address = literal(ip);
        return address != null && isTrusted(address);
    }

    private boolean isTrusted(InetAddress address) {
        for (Range r : trusted) if (r.contains(address)) return true;
        return false;
    }

    /** Parses an IP literal without ever asking DNS; null when it is not one. */
    private static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || !IP_LITERAL.matcher(text).matches()) return null;
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Range range(String spec) {
        int slash = spec.indexOf('/');
        InetAddress address = literal(slash < 0 ? spec : spec.substring(0, slash));
        if (address == null) throw new Config.Invalid("TRUSTED_PROXIES: \"" + spec + "\" is not an IP address or CIDR range");
        int length = address.getAddress().length * 8;
        int bits = length;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(spec.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > length) throw new Config.Invalid("TRUSTED_PROXIES: \"" + spec + "\" has a bad prefix length");
        }
        return new Range(new BigInteger(1, address.getAddress()), bits, length);
    }
}
